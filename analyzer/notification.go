package analyzer

import "github.com/configward/configward/parsers/model"

// Notification is something the scan could not do (a rule that failed, a
// symlink not followed, a module not available). It goes into SARIF
// invocations[0].toolExecutionNotifications and the text summary.
type Notification struct {
	// Level is "error", "warning" or "note".
	Level   string
	Message string
	// Range is where it happened; zero when it concerns no place.
	Range  model.Range
	RuleID string
}
