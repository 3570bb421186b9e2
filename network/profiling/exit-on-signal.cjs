// Preloaded (node --require) into a profiled Node process that has no signal
// handler of its own (the chaincode server): SIGTERM and SIGINT end it through
// process.exit, so --cpu-prof writes its profile; without this the default
// handler ends the process before the profile is written.
'use strict';

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    process.exit(0);
  });
}
