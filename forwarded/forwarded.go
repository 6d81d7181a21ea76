// Package forwarded tells the origin a client used (scheme and host), and the client's
// address, when requests reach the server through reverse proxies. Forwarded (RFC 7239) and X-Forwarded-Proto/-Host are
// headers anyone can send, so they are believed only from the proxies the operator names
// (GUILDHALL_TRUSTED_PROXIES); from anyone else the request's own scheme and Host stand.
package forwarded

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies are the addresses whose forwarding headers are believed.
type Proxies []netip.Prefix

// Parse reads a comma-separated list of IP addresses and CIDR prefixes
// ("10.0.0.0/8, 192.0.2.7, ::1"). An empty list trusts nobody.
func Parse(list string) (Proxies, error) {
	var out Proxies
	for item := range strings.SplitSeq(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an IP address nor a CIDR prefix", item)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// Trusts reports whether the request came straight from one of the proxies.
func (p Proxies) Trusts(r *http.Request) bool {
	return p.contain(remoteAddr(r))
}

func (p Proxies) contain(a netip.Addr) bool {
	if len(p) == 0 || !a.IsValid() {
		return false
	}
	for _, prefix := range p {
		if prefix.Contains(a) {
			return true
		}
	}
	return false
}

func remoteAddr(r *http.Request) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, _ := netip.ParseAddr(host)
	return a.Unmap()
}

// Client is the client's address: the connection's, or, when it came from a trusted proxy,
// the nearest address the proxies recorded (Forwarded "for=", else X-Forwarded-For) that is
// not itself a trusted proxy, read from the right: each proxy appends the address it was
// reached from, and anything further left was written by whoever sent the request. (The
// zero Addr when the connection's address cannot be read.)
func (p Proxies) Client(r *http.Request) netip.Addr {
	addr := remoteAddr(r)
	if !p.contain(addr) {
		return addr
	}
	hops := forwardedFor(r.Header.Values("Forwarded"))
	if len(hops) == 0 {
		for _, v := range r.Header.Values("X-Forwarded-For") {
			for h := range strings.SplitSeq(v, ",") {
				hops = append(hops, strings.TrimSpace(h))
			}
		}
	}
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(hops[i])
		if err != nil {
			break // "unknown", an obfuscated name, or garbage: the trail ends here
		}
		if addr = hop.Unmap(); !p.contain(addr) {
			return addr
		}
	}
	return addr
}

// forwardedFor returns the for= addresses of the Forwarded headers, in order, without ports
// or brackets.
func forwardedFor(values []string) []string {
	var out []string
	for element := range strings.SplitSeq(strings.Join(values, ","), ",") {
		for pair := range strings.SplitSeq(element, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(k), "for") {
				continue
			}
			v = strings.Trim(strings.TrimSpace(v), `"`)
			if host, _, err := net.SplitHostPort(v); err == nil {
				v = host
			}
			out = append(out, strings.Trim(v, "[]"))
		}
	}
	return out
}

// Origin is "scheme://host" as the client used it: the request's own (https when it came
// over TLS), or, from a trusted proxy, what its Forwarded header says (else
// X-Forwarded-Proto and X-Forwarded-Host). A proxy that forwards through others appends its
// element, so the last one is the word of the proxy that connected here. A value that is not
// http/https or not a plain host[:port] is ignored.
func (p Proxies) Origin(r *http.Request) string {
	scheme, host := "http", r.Host
	if r.TLS != nil {
		scheme = "https"
	}
	if p.Trusts(r) {
		proto, fhost := fromForwarded(r.Header.Values("Forwarded"))
		if proto == "" && fhost == "" {
			proto, fhost = last(r.Header.Values("X-Forwarded-Proto")), last(r.Header.Values("X-Forwarded-Host"))
		}
		if proto = strings.ToLower(proto); proto == "http" || proto == "https" {
			scheme = proto
		}
		if validHost(fhost) {
			host = fhost
		}
	}
	return scheme + "://" + host
}

// fromForwarded returns proto and host of the last element of the Forwarded headers.
func fromForwarded(values []string) (proto, host string) {
	elements := strings.Split(strings.Join(values, ","), ",")
	for pair := range strings.SplitSeq(elements[len(elements)-1], ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "proto":
			proto = v
		case "host":
			host = v
		}
	}
	return proto, host
}

// last is the last of comma-separated header values.
func last(values []string) string {
	if len(values) == 0 {
		return ""
	}
	all := strings.Split(values[len(values)-1], ",")
	return strings.TrimSpace(all[len(all)-1])
}

// validHost accepts a DNS name or IP literal with an optional port, and nothing that could
// break out of a URL.
func validHost(h string) bool {
	if h == "" || len(h) > 255 {
		return false
	}
	for _, c := range h {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(".-:[]", c)) {
			return false
		}
	}
	return true
}
