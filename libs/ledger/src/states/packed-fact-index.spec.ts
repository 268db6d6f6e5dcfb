import { streamFactsContract } from '../../../domain/src/testing/stream-facts.contract.js';
import { PackedFactIndex } from './packed-fact-index.js';

streamFactsContract('PackedFactIndex', () => new PackedFactIndex());
