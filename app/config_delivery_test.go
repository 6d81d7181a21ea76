package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
)

func TestDeliveryConfig(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	c, err := app.ParseConfig(env(), nil)
	if err != nil || c.SiteURL != "" || c.SiteName != "Guildhall" || c.WebhookAllowPrivate || c.WebhookInterval != time.Second {
		t.Fatalf("defaults: %+v, %v", c, err)
	}
	c, err = app.ParseConfig(env("GUILDHALL_SITE_URL", " https://northfield.example/blog/ ", "GUILDHALL_SITE_NAME", "Northfield Society",
		"GUILDHALL_WEBHOOK_ALLOW_PRIVATE", "true", "GUILDHALL_WEBHOOK_INTERVAL", "250ms"), nil)
	if err != nil || c.SiteURL != "https://northfield.example/blog" || c.SiteName != "Northfield Society" || !c.WebhookAllowPrivate ||
		c.WebhookInterval != 250*time.Millisecond {
		t.Fatalf("set: %+v, %v", c, err)
	}
	if c, err := app.ParseConfig(env("GUILDHALL_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7"), nil); err != nil || len(c.TrustedProxies) != 2 {
		t.Errorf("trusted proxies: %v, %v", c.TrustedProxies, err)
	}
	for _, bad := range [][]string{
		{"GUILDHALL_SITE_URL", "northfield.example"},
		{"GUILDHALL_SITE_URL", "ftp://northfield.example"},
		{"GUILDHALL_SITE_URL", "https://northfield.example/?x=1"},
		{"GUILDHALL_SITE_URL", "https://northfield.example/#top"},
		{"GUILDHALL_WEBHOOK_ALLOW_PRIVATE", "sometimes"},
		{"GUILDHALL_WEBHOOK_INTERVAL", "1ms"},
		{"GUILDHALL_TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal"},
	} {
		if _, err := app.ParseConfig(env(bad...), nil); err == nil || !strings.Contains(err.Error(), bad[0]) {
			t.Errorf("%s=%q: %v", bad[0], bad[1], err)
		}
	}
}
