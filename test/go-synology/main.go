// Command go-synology-probe drives synovmm's simulator with a real client's own code: go-synology
// v0.1.11 (github.com/synology-community/go-synology), the client behind the Terraform provider for
// Synology. It logs in to box 1, provokes DSM errors through go-synology's own API, and prints, one
// JSON line per step, the DSM code go-synology decoded (ADR 019: with a prose `errors` object on the
// wire go-synology failed with "OTP code is required" instead of the code). Then box 1's session is
// used on box 2 (go-synology's own ImportSession): a real NAS answers 119 to another NAS's sid.
//
// Usage: go-synology-probe -box1 https://127.0.10.1:PORT -box2 https://127.0.10.2:PORT -user U -password P
// (go-synology always speaks HTTPS; the simulator's self-signed certificate is not verified.)
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	synology "github.com/synology-community/go-synology"
	"github.com/synology-community/go-synology/pkg/api"
	"github.com/synology-community/go-synology/pkg/api/virtualization"
)

// Step is one line of output: what was called and what go-synology made of the answer.
type Step struct {
	Step string `json:"step"`
	// OK: go-synology reported success.
	OK bool `json:"ok"`
	// Code: the DSM code go-synology decoded (0 when none could be read).
	Code int `json:"code"`
	// Error: go-synology's own error text, for a reader to judge.
	Error string `json:"error,omitempty"`
	// Data: a few fields of a successful answer, as go-synology decoded them.
	Data map[string]any `json:"data,omitempty"`
}

// codeOf reads the DSM code from go-synology's error types (ApiError; 403 and 404 come wrapped).
func codeOf(err error) int {
	var apiErr api.ApiError
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	var denied api.PermissionDeniedError
	if errors.As(err, &denied) {
		return denied.Code
	}
	var notFound api.NotFoundError
	if errors.As(err, &notFound) {
		return notFound.Code
	}
	return 0
}

func emit(name string, err error, data map[string]any) {
	s := Step{Step: name, OK: err == nil, Data: data}
	if err != nil {
		s.Code = codeOf(err)
		s.Error = err.Error()
	}
	line, _ := json.Marshal(s)
	fmt.Println(string(line))
}

// LogoutRequest is SYNO.API.Auth logout's own parameter; go-synology v0.1.11 has no Logout, so the
// call goes through its generic api.Get with its own decoder.
type LogoutRequest struct {
	Session string `url:"session,omitempty"`
}

var logout = api.Method{API: "SYNO.API.Auth", Version: 7, Method: "logout", ErrorSummaries: api.GlobalErrors}

func connect(host string) (*synology.Client, error) {
	c, err := synology.New(api.Options{Host: host, VerifyCert: false})
	if err != nil {
		return nil, err
	}
	client, ok := c.(*synology.Client)
	if !ok {
		return nil, errors.New("go-synology's New did not return *synology.Client")
	}
	// retryablehttp's own request log would mix with our JSON lines on stdout; keep stderr quiet.
	client.Client().Logger = log.New(io.Discard, "", 0)
	return client, nil
}

func main() {
	box1 := flag.String("box1", "", "endpoint of box 1, https://127.0.10.1:PORT")
	box2 := flag.String("box2", "", "endpoint of box 2, https://127.0.10.2:PORT")
	user := flag.String("user", "admin", "DSM account")
	password := flag.String("password", "", "DSM password")
	storage := flag.String("storage", "syno-1 - VM Storage 1", "storage_name for the documented create")
	flag.Parse()
	if *box1 == "" || *box2 == "" || *password == "" {
		flag.Usage()
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	one, err := connect(*box1)
	if err != nil {
		log.Fatal(err)
	}
	_, err = one.Login(ctx, api.LoginOptions{Username: *user, Password: *password})
	emit("login", err, nil)
	if err != nil {
		os.Exit(1)
	}
	vmm := one.VirtualizationAPI()

	// Errors through go-synology's own methods: a guest that does not exist.
	_, err = vmm.GuestGet(ctx, virtualization.Guest{Name: "no-such-guest"})
	emit("get-missing", err, nil)
	err = vmm.GuestUpdate(ctx, virtualization.GuestUpdate{ID: "no-such-guest", VcpuNum: 2, VramSize: 2048})
	emit("update-missing", err, nil)
	err = vmm.GuestPowerOn(ctx, virtualization.Guest{Name: "no-such-guest"})
	emit("poweron-missing", err, nil)
	err = vmm.GuestDelete(ctx, virtualization.Guest{Name: "no-such-guest"})
	emit("delete-missing", err, nil)
	_, err = vmm.TaskGet(ctx, "no-such-task")
	emit("task-missing", err, nil)

	// Create with a parameter no public source documents for create: 401 (ADR 019).
	disks := virtualization.VDisks{{CreateType: 0, Size: 1024}}
	nics := virtualization.VNICs{{Name: "Default VM Network"}}
	_, err = vmm.GuestCreate(ctx, virtualization.Guest{
		Name: "gos-extra", StorageName: *storage, Disks: disks, Networks: nics, VcpuNum: 2,
	})
	emit("create-undocumented-param", err, nil)

	// The documented create works, and the guest reads back as a real NAS shows it (1 vCPU, 1024 MB).
	created, err := vmm.GuestCreate(ctx, virtualization.Guest{
		Name: "gos-vm", StorageName: *storage, Disks: disks, Networks: nics,
	})
	emit("create", err, nil)
	if err == nil {
		g, err := vmm.GuestGetByID(ctx, virtualization.Guest{ID: created.ID})
		var data map[string]any
		if err == nil {
			data = map[string]any{"guest_name": g.Name, "vcpu_num": g.VcpuNum, "vram_size": g.VramSize}
		}
		emit("get-created", err, data)
		emit("delete-created", vmm.GuestDelete(ctx, virtualization.Guest{Name: "gos-vm"}), nil)
		_, err = vmm.GuestGetByID(ctx, virtualization.Guest{ID: created.ID})
		emit("confirm-gone", err, nil)
	}

	// Box 1's session on box 2, with go-synology's own session import: 119 (SID not found).
	two, err := connect(*box2)
	if err != nil {
		log.Fatal(err)
	}
	two.ImportSession(one.ExportSession())
	_, err = two.VirtualizationAPI().GuestList(ctx)
	emit("box2-with-box1-sid", err, nil)
	_, err = one.VirtualizationAPI().GuestList(ctx)
	emit("box1-with-box1-sid", err, nil)

	// Logout, then the dead session: 119.
	_, err = api.Get[api.Response](one, ctx, &LogoutRequest{Session: "webui"}, logout)
	emit("logout", err, nil)
	_, err = vmm.GuestList(ctx)
	emit("after-logout", err, nil)
}
