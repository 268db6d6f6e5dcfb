// The reference for the HTTP benchmark: a bare NestJS app on the same platform (Express) and body parser
// as socai, with one POST route that answers 201 with a small JSON body and does nothing else.
// Plain JavaScript, so the decorators are applied by hand.
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

class BareController {
  collect(body) {
    return { eventId: body.receiptNo, type: 'ContributionCollected', streamId: 'bare', revision: 0, position: 0 };
  }
}
Body()(BareController.prototype, 'collect', 0);
const collect = Object.getOwnPropertyDescriptor(BareController.prototype, 'collect');
Post('collections')(BareController.prototype, 'collect', collect);
HttpCode(201)(BareController.prototype, 'collect', collect);
Controller('api')(BareController);

class BareModule {}
Module({ controllers: [BareController] })(BareModule);

const app = await NestFactory.create(BareModule, { bodyParser: false, logger: ['error', 'warn'] });
app.useBodyParser('json', { limit: '10mb' });
app.disable('x-powered-by');
await app.listen(Number(process.env.PORT), '127.0.0.1');
process.stdout.write('listening\n');
