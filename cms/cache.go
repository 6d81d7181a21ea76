package cms

import "time"

// NextChange is the next moment after now at which what readers see changes by the clock
// alone (a scheduled post goes live, a membership moves on), or zero; response caches expire
// then. Generation tells them about every other change.
func (s *Service) NextChange(now time.Time) time.Time {
	return s.cat().NextChange(now.UTC(), s.opts.GracePeriod)
}
