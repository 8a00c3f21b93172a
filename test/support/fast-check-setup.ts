/**
 * Property tests explore new random cases on every local run (a failure prints its seed, so it can
 * be replayed). In CI (`CI=true`) they use one fixed seed, so a landing is never decided by luck.
 */
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: 20261125 });
