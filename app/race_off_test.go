//go:build !race

package app_test

// raceDetector says whether the tests run under the race detector (see raceSlowdown).
const raceDetector = false
