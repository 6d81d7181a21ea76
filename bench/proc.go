package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/guildhall/guildhall/app"
)

// The bench starts servers by running its own binary again with roleVar set, so that
// `go run ./bench` needs no separate build step and the load generator never shares a
// process (or a Go scheduler) with the server it measures.
const roleVar = "GUILDHALL_BENCH_ROLE"

// runRole serves as a child process when roleVar says so, and reports whether it did.
func runRole() bool {
	switch os.Getenv(roleVar) {
	case "server":
		// What ./server does: configuration from the environment and flags, then app.Run.
		cfg, err := app.ParseConfig(os.Getenv, os.Args[1:])
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench server: configuration:", err)
			os.Exit(2)
		}
		log := cfg.Logger(os.Stderr)
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		if err := app.Run(ctx, cfg, log); err != nil {
			log.Error("bench server stopped with an error", "err", err)
			os.Exit(1)
		}
		return true
	case "ceiling":
		serveCeiling(os.Args[1])
		return true
	case "database": // -addr ADDR DIR
		serveDatabase(os.Args[2], os.Args[3])
		return true
	}
	return false
}

// ceilingBody is the fixed JSON the ceiling handler answers: 2 KB, about the size of Q1's
// response.
var ceilingBody = func() []byte {
	var b strings.Builder
	b.WriteString(`{"data":{"posts":{"nodes":[`)
	for i := 0; b.Len() < 2048-40; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"title":"Post %02d","slug":"post-%02d"}`, i, i)
	}
	b.WriteString(`]}}}`)
	for b.Len() < 2048 {
		b.WriteByte(' ')
	}
	return []byte(b.String()[:2048])
}()

// serveCeiling is the ceiling: a plain net/http handler that reads the request and answers
// the fixed body. Nothing Guildhall does per request can be cheaper than this.
func serveCeiling(addr string) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") { // M-static: a plain static file handler
			http.ServeFile(w, r, filepath.Join(staticDir, filepath.Base(r.URL.Path)))
			return
		}
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(ceilingBody)))
		_, _ = w.Write(ceilingBody)
	})
	if err := http.ListenAndServe(addr, h); err != nil {
		fmt.Fprintln(os.Stderr, "bench ceiling:", err)
		os.Exit(1)
	}
}

// child is a server process started by the bench.
type child struct {
	cmd   *exec.Cmd
	base  string
	pprof string        // its pprof listener, if asked for
	ready time.Duration // from start to the first successful readiness check
	log   string        // where its output goes
	done  chan error
}

// startChild runs bin (this binary if empty) in role with args and extra environment, and
// waits until it answers readyPath.
func startChild(bin, role string, args, environ []string, readyPath, logDir string, pprof bool) (*child, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	if bin != "" {
		self = bin
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	c := &child{base: "http://" + addr, done: make(chan error, 1)}
	if role == "ceiling" {
		args = []string{addr}
	} else {
		args = append([]string{"-addr", addr}, args...)
	}
	c.cmd = exec.Command(self, args...)
	c.cmd.Env = append(os.Environ(), roleVar+"="+role, "MONGODB_URI=")
	if role == "server" {
		// A line per collection in its log, which liveHeap reads: the heap that survived.
		c.cmd.Env = append(c.cmd.Env, "GODEBUG="+strings.TrimPrefix(os.Getenv("GODEBUG")+",gctrace=1", ","))
	}
	c.cmd.Env = append(c.cmd.Env, environ...)
	if pprof {
		if c.pprof, err = freeAddr(); err != nil {
			return nil, err
		}
		c.cmd.Env = append(c.cmd.Env, "GUILDHALL_PPROF="+c.pprof)
	}
	c.log = filepath.Join(logDir, fmt.Sprintf("%s-%d.log", role, time.Now().UnixNano()))
	out, err := os.Create(c.log)
	if err != nil {
		return nil, err
	}
	c.cmd.Stdout, c.cmd.Stderr = out, out
	began := time.Now()
	if err := c.cmd.Start(); err != nil {
		out.Close()
		return nil, err
	}
	go func() { c.done <- c.cmd.Wait(); out.Close() }()

	client := &http.Client{Timeout: time.Second}
	for {
		select {
		case err := <-c.done:
			c.done <- err
			return nil, fmt.Errorf("%s exited before it was ready (%v); see %s", role, err, c.log)
		default:
		}
		if resp, err := client.Get(c.base + readyPath); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				c.ready = time.Since(began)
				return c, nil
			}
		}
		if time.Since(began) > 30*time.Minute { // a full load of 200,000 posts on a busy 2-core machine took over 10
			c.stop()
			return nil, fmt.Errorf("%s not ready after 30 minutes; see %s", role, c.log)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// peakRSS is the most resident memory the process has had (VmHWM), in bytes.
func (c *child) peakRSS() int64 { return procMemory(c.cmd.Process.Pid, "VmHWM") }

// procMemory reads one memory field of a process's /proc status ("VmRSS", "VmHWM"), in bytes.
func procMemory(pid int, field string) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// liveHeap is the heap the server's last garbage collection left live (gctrace's "live"
// figure: A->B->C MB, C), in bytes; 0 if it logged none.
func (c *child) liveHeap() int64 {
	f, err := os.Open(c.log)
	if err != nil {
		return 0
	}
	defer f.Close()
	var live int64
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for s.Scan() {
		line := s.Text()
		if !strings.HasPrefix(line, "gc ") {
			continue
		}
		for _, field := range strings.Split(line, ",") {
			field = strings.TrimSpace(field)
			if mb, ok := strings.CutSuffix(field, " MB"); ok && strings.Count(mb, "->") == 2 {
				if n, err := strconv.ParseInt(mb[strings.LastIndex(mb, "->")+2:], 10, 64); err == nil {
					live = n << 20
				}
			}
		}
	}
	return live
}

// stop asks the process to shut down gracefully, and kills it if it will not within two
// minutes (at 200,000 posts the snapshot written at shutdown takes a while on a busy machine).
func (c *child) stop() {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(2 * time.Minute): // a server writes its snapshot as it stops
		_ = c.cmd.Process.Kill()
		<-c.done
	}
}

// profile fetches a CPU profile of the child over seconds into path.
func (c *child) profile(seconds int, path string) error {
	if c.pprof == "" {
		return errors.New("the server was started without a pprof listener")
	}
	resp, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", c.pprof, seconds))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("pprof: HTTP %d", resp.StatusCode)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
