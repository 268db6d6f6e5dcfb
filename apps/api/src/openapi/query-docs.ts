import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

type QueryDoc = { type?: 'string' | 'integer'; required?: boolean; description: string; example?: string | number; enum?: readonly string[]; format?: string };

/** Documents a route's query parameters (the controllers read them through QueryParams, which OpenAPI cannot see). */
export function QueryDocs(parameters: Record<string, QueryDoc>) {
  return applyDecorators(
    ...Object.entries(parameters).map(([name, doc]) =>
      ApiQuery({
        name,
        required: doc.required ?? false,
        description: doc.description,
        schema: {
          type: doc.type ?? 'string',
          ...(doc.format ? { format: doc.format } : {}),
          ...(doc.enum ? { enum: [...doc.enum] } : {}),
          ...(doc.example !== undefined ? { example: doc.example } : {}),
        },
      }),
    ),
  );
}

export const MIN_POSITION: QueryDoc = {
  type: 'integer',
  description: 'Wait (up to 5 s, then 503 READ_MODELS_BEHIND) until the read models reach this log position, e.g. the `position` a command returned.',
  example: 42,
};
export const date = (description: string, example = '2021-06-30'): QueryDoc => ({ description, format: 'date', example });
