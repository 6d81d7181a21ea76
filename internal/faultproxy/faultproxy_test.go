package faultproxy_test

import (
	"bufio"
	"net"
	"testing"
	"time"

	"github.com/guildhall/guildhall/internal/faultproxy"
)

// echo serves lines back to their sender.
func echo(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					if _, err := c.Write([]byte(line)); err != nil {
						return
					}
				}
			}()
		}
	}()
	return ln.Addr().String()
}

// roundTrip sends a line and waits up to limit for it to come back.
func roundTrip(c net.Conn, r *bufio.Reader, limit time.Duration) (time.Duration, error) {
	began := time.Now()
	_ = c.SetDeadline(began.Add(limit))
	if _, err := c.Write([]byte("ping\n")); err != nil {
		return 0, err
	}
	_, err := r.ReadString('\n')
	return time.Since(began), err
}

func TestFaults(t *testing.T) {
	p, err := faultproxy.Start(echo(t))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r := bufio.NewReader(c)
	if _, err := roundTrip(c, r, 2*time.Second); err != nil {
		t.Fatalf("through the proxy: %v", err)
	}

	p.SetLatency(100 * time.Millisecond)
	if took, err := roundTrip(c, r, 2*time.Second); err != nil || took < 200*time.Millisecond {
		t.Errorf("with 100ms each way: %v, %v; want at least 200ms", took, err)
	}
	p.Restore()

	p.Stall()
	if _, err := roundTrip(c, r, 300*time.Millisecond); err == nil {
		t.Error("an answer came through a stall")
	}
	p.Restore() // the held line moves on
	_ = c.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := r.ReadString('\n'); err != nil {
		t.Errorf("after the stall: %v", err)
	}

	p.Drop()
	if _, err := roundTrip(c, r, 2*time.Second); err == nil {
		t.Error("a dropped connection still answers")
	}
	if c2, err := net.Dial("tcp", p.Addr()); err == nil {
		if _, err := roundTrip(c2, bufio.NewReader(c2), 2*time.Second); err == nil {
			t.Error("a new connection was served while dropping")
		}
		_ = c2.Close()
	}
	p.Restore()
	c3, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c3.Close()
	if _, err := roundTrip(c3, bufio.NewReader(c3), 2*time.Second); err != nil {
		t.Errorf("after Restore: %v", err)
	}
}
