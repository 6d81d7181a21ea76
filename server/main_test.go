package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
)

// The test binary doubles as the server: with GUILDHALL_TEST_RUN_MAIN set it runs main, so
// that start-up failures are checked as an operator meets them (the exit code and what is
// printed), not only as errors returned inside the process.
func TestMain(m *testing.M) {
	if os.Getenv("GUILDHALL_TEST_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runServer runs the server program with the environment and arguments and returns its exit
// code and what it wrote to stderr. as, when not nil, runs it as another user.
func runServer(t *testing.T, bin string, as *syscall.Credential, env []string, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append([]string{"GUILDHALL_TEST_RUN_MAIN=1", "PATH=" + os.Getenv("PATH")}, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if as != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: as}
	}
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("the server did not stop by itself; stderr:\n%s", stderr.String())
	}
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stderr.String()
}

// A start-up that fails says why in one message, names what to change, and exits 1: never a
// panic, never a stack trace.
func TestStartupErrors(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = busy.Close() })
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := closed.Addr().String()
	_ = closed.Close() // nothing listens there now

	garbled := t.TempDir()
	if err := os.WriteFile(filepath.Join(garbled, "guildhall.sqlite"), bytes.Repeat([]byte("not sqlite "), 5000), 0o600); err != nil {
		t.Fatal(err)
	}
	truncated := truncatedDatabase(t)

	cases := []struct {
		name string
		env  []string
		as   *syscall.Credential // run as another user
		bin  string
		want []string
	}{
		{name: "port in use", env: []string{"GUILDHALL_ADDR=" + busy.Addr().String(), "GUILDHALL_DATA_DIR=" + t.TempDir()},
			want: []string{"the address " + busy.Addr().String() + " is in use", "GUILDHALL_ADDR"}},
		{name: "unreachable database", env: []string{"GUILDHALL_ADDR=127.0.0.1:0", "GUILDHALL_DB_TIMEOUT=200ms",
			"MONGODB_URI=mongodb://editor:s3cr3t-pw@" + closedAddr + "/guildhall"},
			want: []string{"cannot reach the database at mongodb://editor:***@" + closedAddr + "/guildhall", "connection refused", "MONGODB_URI"}},
		{name: "damaged database file", env: []string{"GUILDHALL_ADDR=127.0.0.1:0", "GUILDHALL_DATA_DIR=" + garbled},
			want: []string{"the file " + filepath.Join(garbled, "guildhall.sqlite") + " is damaged", "file is not a database", "backup copy", ".recover"}},
		{name: "truncated database file", env: []string{"GUILDHALL_ADDR=127.0.0.1:0", "GUILDHALL_DATA_DIR=" + truncated},
			want: []string{"the file " + filepath.Join(truncated, "guildhall.sqlite") + " is damaged", "backup copy"}},
	}
	readOnly := sharedDir(t)
	ro := struct {
		as  *syscall.Credential
		bin string
	}{bin: self}
	if os.Geteuid() == 0 {
		// Permissions do not bind root: run the server as nobody, from a copy of this binary
		// it may execute, against a folder only root may write.
		ro.as = &syscall.Credential{Uid: 65534, Gid: 65534}
		ro.bin = executableCopy(t, self)
		if err := os.Chmod(readOnly, 0o755); err != nil {
			t.Fatal(err)
		}
	} else if err := os.Chmod(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	cases = append(cases, struct {
		name string
		env  []string
		as   *syscall.Credential
		bin  string
		want []string
	}{name: "read-only data folder", env: []string{"GUILDHALL_ADDR=127.0.0.1:0", "GUILDHALL_DATA_DIR=" + readOnly}, as: ro.as, bin: ro.bin,
		want: []string{readOnly + " is not writable", "GUILDHALL_DATA_DIR"}})

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			bin := c.bin
			if bin == "" {
				bin = self
			}
			code, stderr := runServer(t, bin, c.as, c.env)
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, stderr)
				}
			}
			for _, bad := range []string{"panic", "goroutine ", "s3cr3t-pw"} {
				if strings.Contains(stderr, bad) {
					t.Errorf("stderr holds %q:\n%s", bad, stderr)
				}
			}
			if lines := strings.Count(strings.TrimSpace(stderr), "\n") + 1; lines > 2 {
				t.Errorf("%d lines on stderr, want the one message (and the database's start line at most):\n%s", lines, stderr)
			}
		})
	}
}

// truncatedDatabase makes a data folder whose database file lost its second half, as a full
// disk or a bad copy leaves it.
func truncatedDatabase(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	a, err := app.Start(context.Background(), app.Config{Addr: "127.0.0.1:0", DataDir: dir, Database: "guildhall", Seed: true},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "guildhall.sqlite")
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(file, info.Size()/2); err != nil {
		t.Fatal(err)
	}
	return dir
}

// executableCopy copies the binary where any user may run it.
func executableCopy(t *testing.T, self string) string {
	t.Helper()
	dir := sharedDir(t)
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "server.test")
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

// sharedDir is a temporary folder that other users may enter (t.TempDir's parent is private).
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "guildhall-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
