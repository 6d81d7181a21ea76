package app_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/cms"
)

// The service's settings have one default each, the service's own: the configuration starts
// from them rather than repeating them.
func TestConfigDefaultsAreTheService(t *testing.T) {
	c, err := app.ParseConfig(func(string) string { return "" }, nil)
	d := cms.DefaultOptions()
	if err != nil || c.GracePeriod != d.GracePeriod || c.SyncInterval != d.SyncInterval || c.WebhookInterval != d.WebhookInterval {
		t.Errorf("configuration defaults %v, %v, %v (%v); the service's %v, %v, %v", c.GracePeriod, c.SyncInterval, c.WebhookInterval, err,
			d.GracePeriod, d.SyncInterval, d.WebhookInterval)
	}
}

// GUILDHALL_GRACE_DAYS=0 means no grace. The service used to take a zero grace period for
// "unset" and run with 30 days.
func TestNoGracePeriod(t *testing.T) {
	c, err := app.ParseConfig(func(k string) string {
		if k == "GUILDHALL_GRACE_DAYS" {
			return "0"
		}
		return ""
	}, nil)
	if err != nil || c.GracePeriod != 0 {
		t.Fatalf("GUILDHALL_GRACE_DAYS=0: %v, %v", c.GracePeriod, err)
	}
	s := MustRunServer(t, func(cfg *app.Config) { cfg.GracePeriod = 0 })
	if g := s.app.Service().GracePeriod(); g != 0 {
		t.Errorf("the service runs with a grace period of %v, want none", g)
	}
}

// Every duration variable is read by one parser, which names the variable and what it wants.
func TestDurationVariables(t *testing.T) {
	for _, tc := range []struct {
		name, value, want string
		got               func(app.Config) time.Duration
		parsed            time.Duration
	}{
		{"GUILDHALL_SYNC_INTERVAL", "250ms", "", func(c app.Config) time.Duration { return c.SyncInterval }, 250 * time.Millisecond},
		{"GUILDHALL_SYNC_INTERVAL", "5ms", "at least 10ms", nil, 0},
		{"GUILDHALL_SHUTDOWN_TIMEOUT", " 1m ", "", func(c app.Config) time.Duration { return c.ShutdownTimeout }, time.Minute},
		{"GUILDHALL_SHUTDOWN_TIMEOUT", "-1s", "such as 20s", nil, 0},
		{"GUILDHALL_WEBHOOK_INTERVAL", "soon", "at least 10ms", nil, 0},
		{"GUILDHALL_PUBLIC_MAX_AGE", "0", "", func(c app.Config) time.Duration { return c.PublicMaxAge }, 0},
		{"GUILDHALL_PUBLIC_MAX_AGE", "-5s", "such as 5s", nil, 0},
	} {
		c, err := app.ParseConfig(func(k string) string {
			if k == tc.name {
				return tc.value
			}
			return ""
		}, nil)
		switch {
		case tc.want == "" && (err != nil || tc.got(c) != tc.parsed):
			t.Errorf("%s=%q: %v, %v; want %v", tc.name, tc.value, tc.got(c), err, tc.parsed)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.name) || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s=%q: %v, want an error naming it and saying %q", tc.name, tc.value, err, tc.want)
		}
	}
}

// GUILDHALL_SNAPSHOT: by default a file per database in the data folder (the -data flag's
// too), a path of one's own, or off.
func TestSnapshotSetting(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{}, nil, filepath.Join("data", "catalog-guildhall.snapshot")},
		{map[string]string{"GUILDHALL_DB": "northfield"}, []string{"-data", "/srv/gh"}, "/srv/gh/catalog-northfield.snapshot"},
		{map[string]string{"GUILDHALL_SNAPSHOT": " /var/cache/gh.snapshot "}, nil, "/var/cache/gh.snapshot"},
		{map[string]string{"GUILDHALL_SNAPSHOT": "OFF"}, nil, ""},
	} {
		c, err := app.ParseConfig(func(k string) string { return tc.env[k] }, tc.args)
		if err != nil || c.Snapshot != tc.want {
			t.Errorf("%v %v: %q, %v; want %q", tc.env, tc.args, c.Snapshot, err, tc.want)
		}
	}
}
