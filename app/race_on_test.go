//go:build race

package app_test

// raceDetector says whether the tests run under the race detector, which makes the server
// several times slower (see raceSlowdown).
const raceDetector = true
