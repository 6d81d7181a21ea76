package webhook

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrForbiddenAddress is why a target is refused: it is (or resolves to) an address inside
// the network Guildhall runs in. A webhook URL is chosen by whoever registers it, so without
// this check it could make the server probe or call internal services (SSRF).
var ErrForbiddenAddress = errors.New("webhook: the target is a private, loopback or link-local address")

// globalUnicast6 is the only IPv6 space assigned for the public Internet. Everything outside
// it is refused whole: besides loopback, link-local and unique-local addresses, that is every
// IPv6 spelling of an IPv4 address (IPv4-compatible ::a.b.c.d, IPv4-translated
// ::ffff:0:a.b.c.d, NAT64 64:ff9b::/96 and 64:ff9b:1::/48), which the kernel or a translator
// may deliver to the wrapped, possibly internal, address.
var globalUnicast6 = netip.MustParsePrefix("2000::/3")

// blockedRanges are the addresses a webhook may not reach besides what netip classifies as
// loopback, private, link-local, multicast or unspecified, and IPv6 outside globalUnicast6.
var blockedRanges = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT, often internal
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation (TEST-NET-1)
	netip.MustParsePrefix("192.88.99.0/24"),  // 6to4 relays, which unwrap to any IPv4 address
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation (TEST-NET-2)
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation (TEST-NET-3)
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and the broadcast address
	netip.MustParsePrefix("2001::/23"),       // IETF protocol assignments: Teredo (which wraps an IPv4 address), ORCHID, benchmarking
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("2002::/16"),       // 6to4, which wraps an IPv4 address
	netip.MustParsePrefix("3fff::/20"),       // documentation
}

// Forbidden reports whether a webhook may not be sent to addr.
func Forbidden(addr netip.Addr) bool {
	addr = addr.Unmap() // ::ffff:a.b.c.d is a.b.c.d
	if !addr.IsValid() || addr.Is6() && !globalUnicast6.Contains(addr) {
		return true
	}
	if addr.IsLoopback() || addr.IsPrivate() || addr.IsLinkLocalUnicast() || addr.IsLinkLocalMulticast() ||
		addr.IsInterfaceLocalMulticast() || addr.IsMulticast() || addr.IsUnspecified() {
		return true
	}
	for _, p := range blockedRanges {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// CheckURL checks a webhook URL when it is registered: absolute http or https, a host, no
// credentials, and, unless allowPrivate, not a literal internal address or a localhost name.
// Names are checked again each time they are dialled (see NewClient), since what a name
// resolves to can change after registration (DNS rebinding).
func CheckURL(raw string, allowPrivate bool) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return errors.New("is not a valid URL")
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.New("must be an http or https URL")
	case u.Host == "" || u.Hostname() == "":
		return errors.New("must name a host")
	case u.User != nil:
		return errors.New("must not carry credentials; sign with the secret instead")
	case u.Fragment != "":
		return errors.New("must not have a fragment")
	}
	if allowPrivate {
		return nil
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return errors.New("must not point at a private, loopback or link-local address")
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		if Forbidden(addr) {
			return errors.New("must not point at a private, loopback or link-local address")
		}
		return nil
	}
	// A name whose last label is a number is no domain name but another spelling of an IPv4
	// address that some resolvers accept: "2130706433" and "0x7f.1" are 127.0.0.1.
	last := host[strings.LastIndexByte(host, '.')+1:]
	if last != "" && (strings.Trim(last, "0123456789") == "" || strings.HasPrefix(last, "0x")) {
		return errors.New("must name the host, or give a dotted IPv4 or an IPv6 address")
	}
	return nil
}

// ClientOptions configure NewClient.
type ClientOptions struct {
	// AllowPrivate lets deliveries reach private, loopback and link-local addresses
	// (GUILDHALL_WEBHOOK_ALLOW_PRIVATE; tests use it to deliver to 127.0.0.1).
	AllowPrivate bool
	// Timeout bounds one attempt, from dialling to the end of the answer's headers.
	Timeout time.Duration
}

// NewClient returns the HTTP client deliveries are sent with. Every connection it opens is
// checked at dial time, after name resolution, so a name that resolves to an internal address
// (at registration or only later) is refused; it ignores proxy settings (a proxy would dial
// on our behalf, unchecked) and follows no redirects (a 3xx is a failed attempt).
func NewClient(opts ClientOptions) *http.Client {
	if opts.Timeout == 0 {
		opts.Timeout = 10 * time.Second
	}
	dialer := &net.Dialer{Timeout: opts.Timeout, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = refuseForbidden
	}
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          20,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   opts.Timeout,
		ResponseHeaderTimeout: opts.Timeout,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// refuseForbidden is a net.Dialer Control: it runs for the address actually being connected
// to, after resolution, for every connection.
func refuseForbidden(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || Forbidden(addr) {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, host)
	}
	return nil
}
