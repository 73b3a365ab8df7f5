// Every migration, in order. A migration once landed is never edited: add a new one.
import { InitialSchema1795696630556 } from './1795696630556-InitialSchema.js';

export const MIGRATIONS = [InitialSchema1795696630556];
