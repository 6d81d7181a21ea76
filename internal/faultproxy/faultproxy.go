// Package faultproxy is a TCP proxy for tests that puts the faults of a real network between
// a client and a server, in the test's own process: latency, stalls (connections stay open
// and nothing moves, as with a hung server or a partition) and dropped connections (every
// connection reset, new ones refused, as with a crashed server). Stopping the server only
// tests the last of these; the first two are what make a client hang.
package faultproxy

import (
	"net"
	"sync"
	"time"
)

// Proxy forwards connections from its own loopback address to a target.
type Proxy struct {
	ln     net.Listener
	target string

	mu       sync.Mutex
	moved    *sync.Cond // signalled when a stall ends or the proxy closes
	latency  time.Duration
	stalled  bool
	dropping bool
	closed   bool
	conns    map[net.Conn]struct{}
	wg       sync.WaitGroup
}

// Start listens on a random loopback port and forwards every connection to target.
func Start(target string) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{ln: ln, target: target, conns: map[net.Conn]struct{}{}}
	p.moved = sync.NewCond(&p.mu)
	p.wg.Go(p.accept)
	return p, nil
}

// Addr is the proxy's address, "127.0.0.1:port": connect here instead of to the target.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// SetLatency delays every chunk of data by d, in each direction.
func (p *Proxy) SetLatency(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.latency = d
}

// Stall stops moving data: connections, new ones too, stay open and nothing arrives on
// either side until Restore.
func (p *Proxy) Stall() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stalled = true
}

// Drop resets every open connection and refuses new ones (accepted, then reset at once)
// until Restore.
func (p *Proxy) Drop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dropping = true
	p.moved.Broadcast() // chunks held by a stall are dropped too
	for c := range p.conns {
		reset(c)
		delete(p.conns, c)
	}
}

// Restore ends every fault: no latency, no stall, connections accepted again. Data held
// during a stall moves on (to connections still open).
func (p *Proxy) Restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.latency, p.stalled, p.dropping = 0, false, false
	p.moved.Broadcast()
}

// Close stops the proxy and closes every connection.
func (p *Proxy) Close() error {
	p.mu.Lock()
	p.closed = true
	for c := range p.conns {
		_ = c.Close()
	}
	p.moved.Broadcast()
	p.mu.Unlock()
	err := p.ln.Close()
	p.wg.Wait()
	return err
}

func (p *Proxy) accept() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		p.mu.Lock()
		if p.dropping || p.closed {
			p.mu.Unlock()
			reset(client)
			continue
		}
		p.mu.Unlock()
		server, err := net.DialTimeout("tcp", p.target, 5*time.Second)
		if err != nil {
			reset(client)
			continue
		}
		if !p.track(client, server) {
			continue
		}
		p.wg.Go(func() { p.pipe(server, client) })
		p.wg.Go(func() { p.pipe(client, server) })
	}
}

// track registers a connection pair, unless the proxy began dropping or closed meanwhile.
func (p *Proxy) track(client, server net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dropping || p.closed {
		reset(client)
		_ = server.Close()
		return false
	}
	p.conns[client] = struct{}{}
	p.conns[server] = struct{}{}
	return true
}

// pipe copies from src to dst, holding each chunk for the latency and through stalls. When
// either side ends, both close.
func (p *Proxy) pipe(dst, src net.Conn) {
	defer p.forget(dst, src)
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if !p.wait() {
				return
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// wait holds a chunk while the proxy is stalled and for the latency; it reports false when
// the proxy closed or began dropping meanwhile.
func (p *Proxy) wait() bool {
	p.mu.Lock()
	for p.stalled && !p.closed && !p.dropping {
		p.moved.Wait()
	}
	latency, ok := p.latency, !p.closed && !p.dropping
	p.mu.Unlock()
	if ok && latency > 0 {
		time.Sleep(latency)
	}
	return ok
}

func (p *Proxy) forget(conns ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range conns {
		_ = c.Close()
		delete(p.conns, c)
	}
}

// reset closes c with a TCP reset, as a crashed peer's kernel would answer.
func reset(c net.Conn) {
	if tcp, ok := c.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = c.Close()
}
