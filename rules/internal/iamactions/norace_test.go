//go:build !race

package iamactions

const raceEnabled = false
