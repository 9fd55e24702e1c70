// Preloaded into a benchmarked process (node -r): reports its peak resident memory at exit.
process.on("exit", () => {
  process.stderr.write(`\nbench-peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
