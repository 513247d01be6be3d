// nlp.js ships no types; eval/peers.ts narrows the parts it uses.
declare module "@nlpjs/basic";
