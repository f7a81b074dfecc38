//go:build race

package iamactions

// raceEnabled: the race detector changes what allocates, so allocation
// guards do not hold under it.
const raceEnabled = true
