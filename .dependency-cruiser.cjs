// The direction between Rota's folders, checked by `npm test` (npm run lint:deps). A violation prints the rule's
// name, its comment and the file pair. Read README.md "Layout" for what lives where.
const EDGE = '^(db|sync|bot)/';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles anywhere: split the shared part into its own module.',
      from: {}, to: { circular: true } },
    { name: 'core-stands-alone', severity: 'error', comment: 'rotation/ is the pure core: it imports no other project folder.',
      from: { path: '^rotation/' }, to: { path: '^(app|bot|db|sync|manifest|test)/' } },
    { name: 'core-is-pure', severity: 'error', comment: 'rotation/ does no I/O: only luxon, yaml, zod and date-holidays (holiday rules as data) from npm, and no Node built-ins.',
      from: { path: '^rotation/' }, to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], pathNot: '(^|/)node_modules/(luxon|yaml|zod|date-holidays)/' } },
    { name: 'edges-not-root', severity: 'error', comment: 'db/, sync/ and bot/ never import the composition root or the CLI: take what you need as a parameter.',
      from: { path: EDGE }, to: { path: '^app/(root|cli)/' } },
    { name: 'db-is-a-leaf', severity: 'error', comment: 'db/ imports only the core: the other folders depend on its ports, not the reverse.',
      from: { path: '^db/' }, to: { path: '^(app|bot|sync)/' } },
    { name: 'bot-without-db', severity: 'error', comment: 'bot/ never touches a store: go through a use case in app/usecases/.',
      from: { path: '^bot/' }, to: { path: '^db/' } },
    { name: 'bot-and-sync-apart', severity: 'error', comment: 'bot/ (botbuilder) and sync/ (Graph) never import each other.',
      from: { path: '^(bot|sync)/' }, to: { path: '^(bot|sync)/', pathNot: '^$1/' } },
    { name: 'bot-uses-usecases', severity: 'error', comment: 'bot/ reaches app/ only through app/usecases/.',
      from: { path: '^bot/' }, to: { path: '^app/', pathNot: '^app/usecases/' } },
    { name: 'sync-without-app', severity: 'error', comment: 'sync/ is Graph only: it takes its settings, logger and stores as parameters.',
      from: { path: '^sync/' }, to: { path: '^app/' } },
    { name: 'sync-uses-db-ports', severity: 'error', comment: 'sync/ sees stores through their ports (db/**/*Store.ts interfaces), never a knex class.',
      from: { path: '^sync/' }, to: { path: '^db/', pathNot: '^db/[^/]+/(?!Knex)[A-Za-z]+Store\\.ts$|^db/types\\.ts$' } },
    { name: 'usecases-inward', severity: 'error', comment: 'app/usecases/ never import an edge, a job, the CLI or the composition root.',
      from: { path: '^app/usecases/' }, to: { path: '^(bot|sync)/|^app/(root|cli|jobs)/' } },
    { name: 'inner-rooms-use-ports', severity: 'error', comment: 'app/usecases/ and app/jobs/ reach stores through their ports; only the composition root and the CLI build knex classes (db/stores.ts).',
      from: { path: '^app/(usecases|jobs)/' }, to: { path: '^db/([^/]+/Knex[^/]*|connection|migrate)\\.ts$' } },
    { name: 'jobs-inward', severity: 'error', comment: 'app/jobs/ never import bot/, the CLI or the composition root: they get a sender as a parameter.',
      from: { path: '^app/jobs/' }, to: { path: '^bot/|^app/(root|cli)/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
