//go:build race

package rules

// raceEnabled: the race detector changes what allocates (sync.Pool drops
// items at random), so allocation guards do not hold under it.
const raceEnabled = true
