//go:build !race

package cloudformation

const raceEnabled = false
