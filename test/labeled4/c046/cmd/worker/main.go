package main

import (
	"log"
	"net/http"
)

func route0(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/0", "page": r.URL.Query().Get("page")})
}

func route1(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/1", "page": r.URL.Query().Get("page")})
}

func route2(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/2", "page": r.URL.Query().Get("page")})
}

func route3(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/3", "page": r.URL.Query().Get("page")})
}

func route4(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/4", "page": r.URL.Query().Get("page")})
}

func route5(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/5", "page": r.URL.Query().Get("page")})
}

func route6(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/6", "page": r.URL.Query().Get("page")})
}

func route7(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/7", "page": r.URL.Query().Get("page")})
}

func route8(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/8", "page": r.URL.Query().Get("page")})
}

func route9(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/9", "page": r.URL.Query().Get("page")})
}

func route10(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/10", "page": r.URL.Query().Get("page")})
}

func route11(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/11", "page": r.URL.Query().Get("page")})
}

func route12(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/12", "page": r.URL.Query().Get("page")})
}

func route13(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/13", "page": r.URL.Query().Get("page")})
}

func route14(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/14", "page": r.URL.Query().Get("page")})
}

func route15(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/15", "page": r.URL.Query().Get("page")})
}

func route16(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/16", "page": r.URL.Query().Get("page")})
}

func route17(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/17", "page": r.URL.Query().Get("page")})
}

func route18(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/18", "page": r.URL.Query().Get("page")})
}

func route19(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/19", "page": r.URL.Query().Get("page")})
}

func route20(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/20", "page": r.URL.Query().Get("page")})
}

func route21(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/21", "page": r.URL.Query().Get("page")})
}

func route22(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/22", "page": r.URL.Query().Get("page")})
}

func route23(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/23", "page": r.URL.Query().Get("page")})
}

func route24(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/24", "page": r.URL.Query().Get("page")})
}

func route25(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/25", "page": r.URL.Query().Get("page")})
}

func route26(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/26", "page": r.URL.Query().Get("page")})
}

func route27(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/27", "page": r.URL.Query().Get("page")})
}

func route28(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/28", "page": r.URL.Query().Get("page")})
}

func route29(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/29", "page": r.URL.Query().Get("page")})
}

func route30(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/30", "page": r.URL.Query().Get("page")})
}

func route31(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/31", "page": r.URL.Query().Get("page")})
}

func route32(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/32", "page": r.URL.Query().Get("page")})
}

func route33(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/33", "page": r.URL.Query().Get("page")})
}

func route34(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/34", "page": r.URL.Query().Get("page")})
}

func route35(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/35", "page": r.URL.Query().Get("page")})
}

func route36(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/36", "page": r.URL.Query().Get("page")})
}

func route37(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/37", "page": r.URL.Query().Get("page")})
}

func route38(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/38", "page": r.URL.Query().Get("page")})
}

func route39(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/39", "page": r.URL.Query().Get("page")})
}

func route40(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/40", "page": r.URL.Query().Get("page")})
}

func route41(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/41", "page": r.URL.Query().Get("page")})
}

func route42(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/42", "page": r.URL.Query().Get("page")})
}

func route43(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/43", "page": r.URL.Query().Get("page")})
}

func route44(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/44", "page": r.URL.Query().Get("page")})
}

var settings = struct {
	Addr string
	SentryAuthToken string
}{
	Addr: ":8080",
	SentryAuthToken: "set-me",
}

func main() {
	log.Fatal(http.ListenAndServe(settings.Addr, nil))
}
