// Preloaded with `node --import ./bench/_rss.js …` by bench/batch.js: reports the process's peak
// resident set size and CPU time (user + system) on stderr as it exits, so the benchmark can print
// them beside the wall time. CPU time is steadier than wall time on a busy machine.
import { writeSync } from 'node:fs'

process.on('exit', () => {
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage()
  writeSync(2, `\n[bench] maxRSS ${maxRSS} cpu ${userCPUTime + systemCPUTime}\n`)
})
