// AccessibilityBus over libatspi. Each read is a D-Bus round trip to the app; libatspi's cache is
// switched off per application because without a GLib main loop its event-driven updates never
// arrive, and a stale "checked" state would make verification lie.
#include <atspi/atspi.h>
#include <dbus/dbus.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <memory>

#include "humain/accessibility.h"

namespace humain {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

struct GObjectUnref {
  void operator()(void* p) const { if (p) g_object_unref(p); }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

// Takes ownership of a g_malloc'd string (null -> "") and clears a GError.
std::string take(gchar* s) {
  std::string out = s ? s : "";
  g_free(s);
  return out;
}
void drop(GError*& e) {
  if (e) g_error_free(e);
  e = nullptr;
}

constexpr int kMaxNodes = 5000;
constexpr int kMaxDepth = 48;

const std::vector<std::pair<AtspiStateType, const char*>>& state_names() {
  static const std::vector<std::pair<AtspiStateType, const char*>> k = {
      {ATSPI_STATE_FOCUSED, "focused"},     {ATSPI_STATE_CHECKED, "checked"},   {ATSPI_STATE_PRESSED, "pressed"},
      {ATSPI_STATE_SELECTED, "selected"},   {ATSPI_STATE_SENSITIVE, "sensitive"}, {ATSPI_STATE_EDITABLE, "editable"},
      {ATSPI_STATE_EXPANDED, "expanded"},   {ATSPI_STATE_ACTIVE, "active"},     {ATSPI_STATE_FOCUSABLE, "focusable"},
      {ATSPI_STATE_INDETERMINATE, "indeterminate"}, {ATSPI_STATE_SELECTABLE, "selectable"}, {ATSPI_STATE_SHOWING, "showing"},
      {ATSPI_STATE_VISIBLE, "visible"}};
  return k;
}

// The event kinds verification counts as evidence (docs/ACT.md, "Verification rules").
constexpr const char* kEventKinds[] = {"object:state-changed", "object:text-changed", "object:property-change:accessible-value",
                                       "object:value-changed", "object:selection-changed", "window:create", "window:destroy"};
constexpr size_t kMaxEvents = 2000;

class AtspiBus : public AccessibilityBus {
 public:
  explicit AtspiBus(double ui_scale) : scale_(ui_scale) {}
  ~AtspiBus() override {
    if (!listener_) return;
    for (const char* kind : kEventKinds) atspi_event_listener_deregister(listener_, kind, nullptr);
    g_object_unref(listener_);
  }

  Status listen_for_events() override {
    if (listener_) return ok_status();
    listener_ = atspi_event_listener_new(&AtspiBus::on_event, this, nullptr);
    if (!listener_) return Error::unsupported("cannot create an AT-SPI event listener");
    for (const char* kind : kEventKinds) {
      GError* e = nullptr;
      if (!atspi_event_listener_register(listener_, kind, &e)) {
        const std::string msg = e ? e->message : "refused";
        drop(e);
        return Error::unsupported(std::string("AT-SPI refused the listener for ") + kind + ": " + msg);
      }
    }
    return ok_status();
  }

  std::vector<AccessibleEvent> take_events() override {
    // Events are D-Bus signals that libatspi dispatches from the GLib main context.
    for (int i = 0; i < 10000 && g_main_context_iteration(nullptr, FALSE); ++i) {
    }
    std::vector<AccessibleEvent> out;
    out.swap(events_);
    return out;
  }

  Result<std::vector<std::string>> applications() override {
    std::vector<std::string> out;
    auto st = for_each_app([&](AtspiAccessible* app) {
      GError* e = nullptr;
      out.push_back(take(atspi_accessible_get_name(app, &e)));
      drop(e);
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::vector<std::string>> window_titles() override {
    std::vector<std::string> out;
    auto st = for_each_app([&](AtspiAccessible* app) {
      GError* e = nullptr;
      const int n = atspi_accessible_get_child_count(app, &e);
      drop(e);
      for (int i = 0; i < n && i < 64; ++i) {
        GPtr<AtspiAccessible> w(atspi_accessible_get_child_at_index(app, i, &e));
        drop(e);
        if (!w || !showing(w.get())) continue;
        out.push_back(take(atspi_accessible_get_name(w.get(), &e)));
        drop(e);
      }
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::vector<AccessibleElement>> snapshot(const std::string& window) override {
    std::vector<AccessibleElement> out;
    const std::string want = lower(window);
    auto st = for_each_app([&](AtspiAccessible* app) {
      GError* e = nullptr;
      const std::string app_name = take(atspi_accessible_get_name(app, &e));
      drop(e);
      const int n = atspi_accessible_get_child_count(app, &e);
      drop(e);
      for (int i = 0; i < n && i < 64 && static_cast<int>(out.size()) < kMaxNodes; ++i) {
        GPtr<AtspiAccessible> w(atspi_accessible_get_child_at_index(app, i, &e));
        drop(e);
        if (!w) continue;
        const std::string title = take(atspi_accessible_get_name(w.get(), &e));
        drop(e);
        if (!want.empty() && lower(title).find(want) == std::string::npos && lower(app_name).find(want) == std::string::npos) continue;
        walk(w.get(), app_name, title, 1, out);
      }
    });
    if (!st) return st.error();
    return out;
  }

 private:
  Status for_each_app(const std::function<void(AtspiAccessible*)>& fn) {
    while (g_main_context_iteration(nullptr, FALSE)) {
    }
    GPtr<AtspiAccessible> desktop(atspi_get_desktop(0));
    if (!desktop) return Error::unsupported("no AT-SPI bus: cannot reach the accessibility registry");
    GError* e = nullptr;
    const int n = atspi_accessible_get_child_count(desktop.get(), &e);
    if (e) {
      const std::string msg = e->message;
      drop(e);
      return Error::unsupported("no AT-SPI bus: " + msg);
    }
    for (int i = 0; i < n && i < 256; ++i) {
      GPtr<AtspiAccessible> app(atspi_accessible_get_child_at_index(desktop.get(), i, &e));
      drop(e);
      if (!app) continue;
      atspi_accessible_clear_cache(app.get());
      fn(app.get());
    }
    return ok_status();
  }

  static bool showing(AtspiAccessible* a) {
    GPtr<AtspiStateSet> s(atspi_accessible_get_state_set(a));
    return s && atspi_state_set_contains(s.get(), ATSPI_STATE_SHOWING) && atspi_state_set_contains(s.get(), ATSPI_STATE_VISIBLE);
  }

  void walk(AtspiAccessible* a, const std::string& app, const std::string& window, int depth, std::vector<AccessibleElement>& out) {
    if (depth > kMaxDepth || static_cast<int>(out.size()) >= kMaxNodes) return;
    GError* e = nullptr;
    AccessibleElement el;
    GPtr<AtspiStateSet> states(atspi_accessible_get_state_set(a));
    if (!states || !atspi_state_set_contains(states.get(), ATSPI_STATE_SHOWING)) return;  // hidden subtree
    for (const auto& [type, name] : state_names()) {
      if (atspi_state_set_contains(states.get(), type)) el.states.push_back(name);
    }
    el.name = take(atspi_accessible_get_name(a, &e));
    drop(e);
    el.role = take(atspi_accessible_get_role_name(a, &e));
    drop(e);
    el.description = take(atspi_accessible_get_description(a, &e));
    drop(e);
    el.app = app;
    el.window = window;
    el.depth = depth;
    if (GPtr<AtspiComponent> comp{atspi_accessible_get_component_iface(a)}) {
      if (AtspiRect* r = atspi_component_get_extents(comp.get(), ATSPI_COORD_TYPE_SCREEN, &e)) {
        el.box = Box::from_xywh(r->x * scale_, r->y * scale_, r->width * scale_, r->height * scale_);
        g_free(r);
      }
      drop(e);
    }
    if (GPtr<AtspiText> text{atspi_accessible_get_text_iface(a)}) {
      const int n = atspi_text_get_character_count(text.get(), &e);
      drop(e);
      if (n > 0) el.text = take(atspi_text_get_text(text.get(), 0, std::min(n, 4096), &e));
      drop(e);
    }
    if (GPtr<AtspiValue> value{atspi_accessible_get_value_iface(a)}) {
      el.value = atspi_value_get_current_value(value.get(), &e);
      if (e) el.value.reset();
      drop(e);
    }
    if (GPtr<AtspiAction> action{atspi_accessible_get_action_iface(a)}) {
      el.actionable = atspi_action_get_n_actions(action.get(), &e) > 0;
      drop(e);
    }
    if (el.has("editable") || el.role == "slider" || el.role == "spin button") el.actionable = true;
    out.push_back(el);
    const int n = atspi_accessible_get_child_count(a, &e);
    drop(e);
    // Huge containers (table rows, long lists) are cut: the visible part comes first.
    for (int i = 0; i < n && i < 400; ++i) {
      GPtr<AtspiAccessible> child(atspi_accessible_get_child_at_index(a, i, &e));
      drop(e);
      if (child) walk(child.get(), app, window, depth + 1, out);
    }
  }

  static void on_event(AtspiEvent* event, void* self_ptr) {
    auto* self = static_cast<AtspiBus*>(self_ptr);
    if (!event) return;
    // The callback owns the event (transfer full).
    std::unique_ptr<AtspiEvent, void (*)(AtspiEvent*)> owned(event, [](AtspiEvent* ev) { g_boxed_free(atspi_event_get_type(), ev); });
    if (!event->type) return;
    AccessibleEvent ev;
    ev.type = event->type;
    ev.detail1 = event->detail1;
    if (event->source) {
      // The event carries the sender's name and role, so these reads do not go back to the app.
      GError* e = nullptr;
      ev.source = take(atspi_accessible_get_role_name(event->source, &e)) + " \"";
      drop(e);
      ev.source += take(atspi_accessible_get_name(event->source, &e)) + "\"";
      drop(e);
    }
    if (self->events_.size() >= kMaxEvents) self->events_.erase(self->events_.begin());
    self->events_.push_back(std::move(ev));
  }

  double scale_;
  AtspiEventListener* listener_ = nullptr;
  std::vector<AccessibleEvent> events_;
};

}  // namespace

bool AccessibleElement::has(std::string_view state) const {
  return std::find(states.begin(), states.end(), state) != states.end();
}

std::string AccessibleElement::describe() const {
  return role + " \"" + name + "\" [" + (window.empty() ? app : window) + "]";
}

namespace {

// libatspi aborts the process (g_error) when it cannot reach the bus, so ask the session bus for
// the AT-SPI bus address ourselves first, with a timeout.
Status probe_accessibility_bus() {
  if (const char* a = std::getenv("AT_SPI_BUS_ADDRESS"); a && *a) return ok_status();
  if (!std::getenv("DBUS_SESSION_BUS_ADDRESS")) {
    return Error::unsupported("no AT-SPI bus: DBUS_SESSION_BUS_ADDRESS is not set (start the session with "
                              "dbus-run-session and at-spi-bus-launcher, or use --tier vision)");
  }
  DBusError err;
  dbus_error_init(&err);
  DBusConnection* conn = dbus_bus_get_private(DBUS_BUS_SESSION, &err);
  if (!conn) {
    const std::string msg = err.message ? err.message : "unknown error";
    dbus_error_free(&err);
    return Error::unsupported("no AT-SPI bus: cannot reach the D-Bus session bus: " + msg);
  }
  dbus_connection_set_exit_on_disconnect(conn, FALSE);
  DBusMessage* call = dbus_message_new_method_call("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress");
  DBusMessage* reply = dbus_connection_send_with_reply_and_block(conn, call, 3000, &err);
  dbus_message_unref(call);
  std::string problem;
  if (!reply) problem = err.message ? err.message : "no reply";
  if (reply) dbus_message_unref(reply);
  dbus_error_free(&err);
  dbus_connection_close(conn);
  dbus_connection_unref(conn);
  if (!problem.empty()) return Error::unsupported("no AT-SPI bus on the session bus (org.a11y.Bus: " + problem + "); start at-spi-bus-launcher");
  return ok_status();
}

}  // namespace

Result<std::unique_ptr<AccessibilityBus>> AccessibilityBus::connect(double ui_scale) {
  if (auto st = probe_accessibility_bus(); !st) return st.error();
  static const int init = atspi_init();  // once per process; 1 = already initialised
  (void)init;
  atspi_set_timeout(3000, 15000);  // a hung app must not hang us for D-Bus's default 25 s
  auto bus = std::make_unique<AtspiBus>(ui_scale);
  auto apps = bus->applications();
  if (!apps) return apps.error();
  return std::unique_ptr<AccessibilityBus>(std::move(bus));
}

}  // namespace humain
