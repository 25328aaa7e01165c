#include "test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>

#if __has_include("humain/adapter.h")
#include "humain/adapter.h"
#define HUMAIN_TESTSERVER_HAS_ADAPTERS 1
#endif
#include "humain/image.h"
#include "humain/image_encoding.h"
#include "mark_answer.h"
#include "wire_formats.h"

namespace humain::testserver {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct TestServer::Request {
  std::string method, path;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

namespace {

constexpr std::size_t kMaxHeaderBytes = 64 * 1024;
constexpr std::size_t kMaxBodyBytes = 256u << 20;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

const char* reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 529: return "Overloaded";
    default: return "Status";
  }
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Writes a body as-is or in HTTP chunked encoding, optionally split into tiny pieces.
class BodyWriter {
 public:
  BodyWriter(int fd, bool chunked, int piece) : fd_(fd), chunked_(chunked), piece_(piece) {}
  bool write(std::string_view data) {
    if (data.empty()) return true;
    const std::size_t step = piece_ > 0 ? static_cast<std::size_t>(piece_) : data.size();
    for (std::size_t i = 0; i < data.size(); i += step) {
      const std::string_view part = data.substr(i, step);
      if (chunked_) {
        char size[24];
        std::snprintf(size, sizeof size, "%zx\r\n", part.size());
        if (!send_all(fd_, std::string(size) + std::string(part) + "\r\n")) return false;
      } else if (!send_all(fd_, part)) {
        return false;
      }
      if (piece_ > 0) usleep(50);  // let each piece travel as its own segment
    }
    return true;
  }
  bool end() { return !chunked_ || send_all(fd_, "0\r\n\r\n"); }

 private:
  int fd_;
  bool chunked_;
  int piece_;
};

std::string head(int status, const std::string& content_type, const std::map<std::string, std::string>& extra,
                 std::optional<std::size_t> length) {
  std::string h = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) + "\r\nContent-Type: " + content_type + "\r\n";
  for (const auto& [k, v] : extra) h += k + ": " + v + "\r\n";
  h += length ? "Content-Length: " + std::to_string(*length) + "\r\n" : "Transfer-Encoding: chunked\r\n";
  return h + "Connection: close\r\n\r\n";
}

void respond(int fd, int status, const std::string& content_type, const std::string& body,
             const std::map<std::string, std::string>& extra = {}, int piece = 0) {
  if (!send_all(fd, head(status, content_type, extra, body.size()))) return;
  BodyWriter(fd, false, piece).write(body);
}

void respond_json(int fd, int status, const json& j) { respond(fd, status, "application/json", j.dump()); }

std::uint64_t fnv64(const std::vector<std::uint8_t>& b) {
  std::uint64_t h = 1469598103934665603ull;
  for (auto c : b) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string hex64(std::uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// What the chat request says, whatever its protocol.
struct ChatView {
  std::string model, prompt;
  bool stream = false;
  bool include_usage = false;
  struct Image {
    std::string media_type, base64;
  };
  std::vector<Image> images;
};

void collect_text(const json& content, ChatView& v, Protocol p) {
  if (content.is_string()) {
    v.prompt += content.get<std::string>() + "\n";
    return;
  }
  if (!content.is_array()) return;
  for (const auto& part : content) {
    if (!part.is_object()) continue;
    const std::string type = part.value("type", "");
    if ((type == "text" || type == "input_text") && part.contains("text") && part["text"].is_string()) v.prompt += part["text"].get<std::string>() + "\n";
    if ((p == Protocol::kOpenAi && type == "image_url") || (p == Protocol::kResponses && type == "input_image")) {
      const auto& iu = part.value("image_url", json::object());
      const std::string url = iu.is_object() ? iu.value("url", "") : (iu.is_string() ? iu.get<std::string>() : "");
      const auto comma = url.find(',');
      const auto semi = url.find(';');
      if (url.rfind("data:", 0) == 0 && comma != std::string::npos && semi != std::string::npos && semi < comma) {
        v.images.push_back({url.substr(5, semi - 5), url.substr(comma + 1)});
      } else {
        v.images.push_back({"url", url});
      }
    }
    if (p == Protocol::kAnthropic && type == "image") {
      const auto& src = part.value("source", json::object());
      v.images.push_back({src.value("media_type", ""), src.value("data", "")});
    }
  }
}

ChatView view_of(const json& body, Protocol p) {
  ChatView v;
  v.model = body.value("model", "");
  v.stream = body.value("stream", p == Protocol::kOllama);
  v.include_usage = body.value("stream_options", json::object()).value("include_usage", false);
  if (p == Protocol::kAnthropic) collect_text(body.value("system", json()), v, p);
  if (p == Protocol::kResponses) {
    collect_text(body.value("instructions", json()), v, p);
    const json input = body.value("input", json());
    if (input.is_string()) collect_text(input, v, p);
    for (const auto& m : input.is_array() ? input : json::array()) {
      if (m.is_object()) collect_text(m.value("content", json()), v, p);
    }
    return v;
  }
  for (const auto& m : body.value("messages", json::array())) {
    if (!m.is_object()) continue;
    collect_text(m.value("content", json()), v, p);
    if (p == Protocol::kOllama) {
      for (const auto& img : m.value("images", json::array())) {
        if (img.is_string()) v.images.push_back({"", img.get<std::string>()});
      }
    }
  }
  return v;
}

// Tool definitions the real APIs refuse (issue 15): Anthropic's computer-use tools without the
// anthropic-beta flag of their version; a computer-use tool on Chat Completions (it exists only in
// the Responses API); the Responses preview tool without truncation "auto".
Status check_tools(const json& body, Protocol p, std::map<std::string, std::string>& headers) {
  static const std::map<std::string, std::string> kBeta = {{"computer_20251124", "computer-use-2025-11-24"},
                                                           {"computer_20250124", "computer-use-2025-01-24"}};
  const json tools = body.value("tools", json::array());
  if (!tools.is_array()) return ok_status();
  for (std::size_t i = 0; i < tools.size(); ++i) {
    const std::string type = tools[i].is_object() ? tools[i].value("type", "") : "";
    const std::string at = "tools." + std::to_string(i) + ".type";
    if (p == Protocol::kAnthropic && kBeta.count(type) && headers["anthropic-beta"].find(kBeta.at(type)) == std::string::npos) {
      return Error::invalid(at + ": '" + type + "' requires the anthropic-beta header " + kBeta.at(type));
    }
    if (p == Protocol::kOpenAi && (type == "computer" || type == "computer_use_preview")) {
      return Error::invalid("Invalid value: '" + type + "'. " + at + " is not supported with the Chat Completions API; use /v1/responses");
    }
    if (p == Protocol::kResponses && type == "computer_use_preview" && body.value("truncation", "") != "auto") {
      return Error::invalid("truncation must be 'auto' when using the computer_use_preview tool");
    }
  }
  return ok_status();
}

const char* protocol_name(Protocol p) {
  switch (p) {
    case Protocol::kOllama: return "ollama";
    case Protocol::kOpenAi: return "openai";
    case Protocol::kAnthropic: return "anthropic";
    case Protocol::kResponses: return "responses";
  }
  return "?";
}

// Replaces long base64 image strings in a recorded body with a short marker. Prompts (they have
// spaces; base64 has none) stay, so tests can check what text left.
void summarise_images(json& j) {
  if (j.is_object() || j.is_array()) {
    for (auto& child : j) summarise_images(child);
  } else if (j.is_string() && j.get_ref<const std::string&>().size() > 256 &&
             j.get_ref<const std::string&>().find(' ') == std::string::npos) {
    j = "<" + std::to_string(j.get_ref<const std::string&>().size()) + " bytes: see images>";
  }
}

}  // namespace

TestServer::TestServer(ServerOptions options) : options_(std::move(options)) {}

TestServer::~TestServer() { stop(); }

Status TestServer::start() {
  if (!options_.dataset.empty()) {
    Result<GroundTruth> gt = GroundTruth::load(options_.dataset);
    if (!gt.ok()) return gt.error();
    truth_ = std::move(*gt);
  }
  if (!options_.record_path.empty()) {
    std::ofstream f(options_.record_path, std::ios::trunc);
    if (!f) return Error::io("cannot write " + options_.record_path);
  }
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) return Error::io(std::string("socket: ") + std::strerror(errno));
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(options_.port));
  if (inet_pton(AF_INET, options_.host.c_str(), &addr.sin_addr) != 1) return Error::invalid("bad host " + options_.host);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 64) != 0) {
    const std::string why = std::strerror(errno);
    ::close(listen_fd_);
    listen_fd_ = -1;
    return Error::io("cannot listen on " + options_.host + ":" + std::to_string(options_.port) + ": " + why);
  }
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  started_ = Clock::now();
  acceptor_ = std::thread([this] { accept_loop(); });
  return ok_status();
}

void TestServer::stop() {
  if (stopping_.exchange(true)) return;
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<Handler> handlers;
  {
    std::lock_guard lock(mu_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);  // wakes handlers blocked in send/recv
    handlers.swap(handlers_);
  }
  for (auto& h : handlers) h.thread.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  listen_fd_ = -1;
}

bool TestServer::stream_pause(int fd, int ms) {
  const auto until = Clock::now() + std::chrono::milliseconds(ms);
  while (Clock::now() < until) {
    if (stopping_) return false;
    pollfd p{fd, static_cast<short>(POLLIN | POLLRDHUP), 0};
    if (poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR))) return false;
    const Clock::duration left = until - Clock::now();
    std::this_thread::sleep_for(std::min<Clock::duration>(left, std::chrono::milliseconds(10)));
  }
  return !stopping_;
}

bool TestServer::sleep_ms(int ms) {
  const auto until = Clock::now() + std::chrono::milliseconds(ms);
  while (Clock::now() < until) {
    if (stopping_) return false;
    const Clock::duration left = until - Clock::now();
    std::this_thread::sleep_for(std::min<Clock::duration>(left, std::chrono::milliseconds(20)));
  }
  return !stopping_;
}

void TestServer::accept_loop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::lock_guard lock(mu_);
    for (auto it = handlers_.begin(); it != handlers_.end();) {  // reap finished connections
      if (*it->done) {
        it->thread.join();
        it = handlers_.erase(it);
      } else {
        ++it;
      }
    }
    open_fds_.push_back(fd);
    auto done = std::make_shared<std::atomic<bool>>(false);
    handlers_.push_back({std::thread([this, fd, done] {
                           handle(fd);
                           *done = true;
                         }),
                         done});
  }
}

void TestServer::handle(int fd) {
  Request req;
  std::string buf;
  std::size_t header_end = std::string::npos;
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  auto read_more = [&]() -> bool {
    while (!stopping_ && Clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      const int r = ::poll(&p, 1, 50);
      if (r == 0) continue;
      if (r < 0) return false;
      char tmp[65536];
      const ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
      if (n <= 0) return false;
      buf.append(tmp, static_cast<std::size_t>(n));
      return true;
    }
    return false;
  };
  bool ok = true;
  while (ok && (header_end = buf.find("\r\n\r\n")) == std::string::npos && buf.size() < kMaxHeaderBytes) ok = read_more();
  if (ok && header_end != std::string::npos) {
    std::size_t line_end = buf.find("\r\n");
    const std::string first = buf.substr(0, line_end);
    const auto sp1 = first.find(' '), sp2 = first.rfind(' ');
    if (sp1 != std::string::npos && sp2 > sp1) {
      req.method = first.substr(0, sp1);
      req.path = first.substr(sp1 + 1, sp2 - sp1 - 1);
    }
    std::size_t pos = line_end + 2;
    while (pos < header_end) {
      const std::size_t e = buf.find("\r\n", pos);
      const std::string h = buf.substr(pos, e - pos);
      const auto colon = h.find(':');
      if (colon != std::string::npos) {
        std::string v = h.substr(colon + 1);
        while (!v.empty() && v.front() == ' ') v.erase(v.begin());
        req.headers[lower(h.substr(0, colon))] = v;
      }
      pos = e + 2;
    }
    std::size_t length = 0;
    if (auto it = req.headers.find("content-length"); it != req.headers.end()) length = std::strtoull(it->second.c_str(), nullptr, 10);
    if (length > kMaxBodyBytes) {
      respond_json(fd, 413, {{"error", "request body too large"}});
    } else {
      while (ok && buf.size() < header_end + 4 + length) ok = read_more();
      if (ok) {
        req.body = buf.substr(header_end + 4, length);
        dispatch(fd, req);
      }
    }
  }
  std::lock_guard lock(mu_);
  open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd), open_fds_.end());
  ::close(fd);
}

void TestServer::dispatch(int fd, Request& req) {
  const std::string path = req.path.substr(0, req.path.find('?'));
  auto ends_with = [&](const std::string& s) { return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0; };
  if (req.method == "POST" && path == "/api/chat") return chat(fd, req, static_cast<int>(Protocol::kOllama));
  if (req.method == "POST" && ends_with("/v1/chat/completions")) return chat(fd, req, static_cast<int>(Protocol::kOpenAi));
  if (req.method == "POST" && ends_with("/v1/messages")) return chat(fd, req, static_cast<int>(Protocol::kAnthropic));
  if (req.method == "POST" && ends_with("/v1/responses")) return chat(fd, req, static_cast<int>(Protocol::kResponses));
  if (req.method != "GET") return respond_json(fd, 404, {{"error", "no such endpoint: " + req.method + " " + path}});
  const std::string model = "humain-testserver:latest";
  if (path == "/api/version") return respond_json(fd, 200, {{"version", "0.12.6"}});
  if (path == "/api/tags") {
    return respond_json(fd, 200, {{"models", json::array({{{"name", model}, {"model", model}, {"size", 0},
                                                           {"details", {{"family", "testserver"}, {"parameter_size", "0B"}}}}})}});
  }
  if (path == "/api/ps") return respond_json(fd, 200, {{"models", json::array({{{"name", model}, {"model", model}, {"size_vram", 0}}})}});
  const bool loading = Clock::now() - started_ < std::chrono::milliseconds(options_.loading_ms);
  if (path == "/health") {
    if (loading) return respond_json(fd, 503, {{"error", {{"code", 503}, {"message", "Loading model"}, {"type", "unavailable_error"}}}});
    return respond_json(fd, 200, {{"status", "ok"}});
  }
  if (path == "/props") {
    return respond_json(fd, 200, {{"model_alias", model}, {"total_slots", 1}, {"build_info", "humain-testserver"},
                                  {"modalities", {{"vision", options_.vision}, {"audio", false}}},
                                  {"default_generation_settings", {{"n_ctx", 8192}}}});
  }
  if (ends_with("/v1/models")) return respond_json(fd, 200, {{"object", "list"}, {"data", json::array({{{"id", model}, {"object", "model"}}})}});
  if (path == "/_records") return respond_json(fd, 200, records());
  if (path == "/_abandoned") return respond_json(fd, 200, abandoned());
  respond_json(fd, 404, {{"error", "no such endpoint: " + path}});
}

void TestServer::chat(int fd, Request& req, int protocol_id) {
  const auto start = Clock::now();
  const auto protocol = static_cast<Protocol>(protocol_id);
  const auto wire = make_wire_format(protocol);
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return respond(fd, 400, "application/json", wire->error_body(400, "request body is not a JSON object"));
  }
  ChatView view;
  try {
    view = view_of(body, protocol);
  } catch (const std::exception& e) {
    return respond(fd, 400, "application/json", wire->error_body(400, std::string("malformed request: ") + e.what()));
  }

  // The mode: server default, then the model name's "+spec" suffix, then the X-Test-Mode header.
  TestMode mode;
  std::string spec = options_.default_mode;
  std::string model = view.model;
  if (const auto plus = model.find('+'); plus != std::string::npos) {
    std::string suffix = model.substr(plus + 1);
    std::replace(suffix.begin(), suffix.end(), '+', ',');
    spec += "," + suffix;
    model.resize(plus);
  }
  if (auto it = req.headers.find("x-test-mode"); it != req.headers.end()) spec += "," + it->second;
  if (Status s = apply_mode_spec(spec, mode); !s.ok()) return respond(fd, 400, "application/json", wire->error_body(400, s.error().message));
  std::string family = mode.family;
  if (family.empty()) {
    if (auto it = req.headers.find("x-test-family"); it != req.headers.end()) family = it->second;
  }
#ifdef HUMAIN_TESTSERVER_HAS_ADAPTERS
  if (family.empty() && make_adapter(lower(model)).ok()) family = lower(model);  // "holo", "holo1.5", ...
#endif
  if (family.empty()) family = options_.default_family;

  // Record what arrived (image bytes summarised, optionally saved) before deciding anything.
  json rec = {{"method", req.method}, {"path", req.path}, {"headers", req.headers}, {"mode", spec},
              {"family", family}, {"protocol", protocol_name(protocol)}};
  json images = json::array();
  int sent_w = 0, sent_h = 0;
  for (std::size_t i = 0; i < view.images.size(); ++i) {
    json info = {{"media_type", view.images[i].media_type}};
    Result<std::vector<std::uint8_t>> bytes = base64_decode(view.images[i].base64);
    if (!bytes.ok()) {
      info["error"] = bytes.error().message;
    } else {
      info["bytes"] = bytes->size();
      info["fnv64"] = hex64(fnv64(*bytes));
      Result<Screenshot> shot = decode_screenshot(*bytes, "request image");
      if (shot.ok()) {
        info["width"] = shot->width();
        info["height"] = shot->height();
        if (i == 0) sent_w = shot->width(), sent_h = shot->height();
      } else {
        info["error"] = shot.error().message;
      }
      if (!options_.record_images_dir.empty()) {
        std::string file;
        {
          std::lock_guard lock(mu_);
          file = options_.record_images_dir + "/request" + std::to_string(seq_ + 1) + "_image" + std::to_string(i) +
                 (view.images[i].media_type == "image/jpeg" ? ".jpg" : ".png");
        }
        std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes->data()), static_cast<std::streamsize>(bytes->size()));
        info["file"] = file;
      }
    }
    images.push_back(std::move(info));
  }
  rec["images"] = images;
  json summarised = body;
  summarise_images(summarised);
  rec["body"] = summarised;
  std::optional<GroundTruthRow> row;
  const std::optional<MarkList> marks = parse_mark_list(view.prompt);  // a set-of-marks request
  if (truth_) row = truth_->find(marks ? marks->task : view.prompt, sent_w, sent_h);
  rec["matched_id"] = row ? json(row->id) : json(nullptr);
  record(rec);

  // Authentication, as the real APIs check it.
  if (protocol == Protocol::kAnthropic && req.headers["anthropic-version"] != "2023-06-01") {
    return respond(fd, 400, "application/json", wire->error_body(400, "anthropic-version header must be 2023-06-01"));
  }
  if (Status s = check_tools(body, protocol, req.headers); !s.ok()) {
    return respond(fd, 400, "application/json", wire->error_body(400, s.error().message));
  }
  if (!options_.require_key.empty()) {
    const std::string got = protocol == Protocol::kAnthropic ? req.headers["x-api-key"] : req.headers["authorization"];
    const std::string want = protocol == Protocol::kAnthropic ? options_.require_key : "Bearer " + options_.require_key;
    if (got != want) return respond(fd, 401, "application/json", wire->error_body(401, "invalid API key"));
  }

  // Failures chosen by the mode; fail_times limits them to the first N requests of this spec.
  bool fail_now = mode.status != 0 || mode.refuse;
  if (fail_now && mode.fail_times >= 0) {
    std::lock_guard lock(mu_);
    fail_now = fail_counts_[spec]++ < mode.fail_times;
  }
  if (fail_now && mode.refuse) {
    linger l{1, 0};  // close with RST: the client sees a reset, not an answer
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    return;
  }
  if (fail_now && mode.status != 0) {
    std::map<std::string, std::string> extra;
    if (mode.retry_after) extra["Retry-After"] = *mode.retry_after;
    if (mode.retry_after_ms) extra["retry-after-ms"] = std::to_string(*mode.retry_after_ms);
    return respond(fd, mode.status, "application/json", wire->error_body(mode.status, "test server: status " + std::to_string(mode.status)), extra);
  }
  if (mode.dead) {
    while (sleep_ms(50)) {
    }
    return;
  }

  // The answer: a fixed text, the ground truth in the family's format, or a plain "not found".
  Answer answer;
  if (!mode.text.empty()) {
    answer.text = mode.text;
  } else if (auto it = req.headers.find("x-test-answer"); it != req.headers.end()) {
    answer.text = it->second;
  } else if (marks && truth_) {
    // Set-of-marks: the mark a perfect chooser picks; among rows sharing the instruction, those
    // of the listed screen's size, the first one some mark hits.
    std::optional<int> id;
    for (const auto& r : truth_->find_all(marks->task)) {
      if (id) break;
      const double aspect = double(r.width) * marks->height / (double(r.height) * marks->width);
      const bool same_space = r.width > 0 && r.height > 0 && aspect > 0.99 && aspect < 1.01;
      if (same_space) id = oracle_mark_id(*marks, r.box, r.width, r.height);
    }
    answer = mark_answer(id, mode.marks);
  } else if (row) {
#ifdef HUMAIN_TESTSERVER_HAS_ADAPTERS
    Result<ChatResponse> r = render_answer(family, row->box, ImageSize{row->width, row->height});
    if (!r.ok()) return respond(fd, 400, "application/json", wire->error_body(400, "cannot render family " + family + ": " + r.error().message));
    answer.text = r->text;
    answer.tool_calls = r->tool_calls;
#else
    const Point c = row->box.center();
    answer.text = "(" + std::to_string(static_cast<int>(c.x)) + "," + std::to_string(static_cast<int>(c.y)) + ")";
#endif
  } else {
    answer.text = "humain-testserver: no data set row matches this instruction";
  }

  AnswerStats stats;
  stats.model = view.model;
  stats.include_usage = view.include_usage;
  stats.prompt_tokens = static_cast<int>(view.prompt.size() / 4 + 256 * view.images.size());
  const std::vector<std::string> pieces = wire->pieces(answer, stats);
  stats.completion_tokens = static_cast<int>(pieces.size());
  auto finish_stats = [&](Clock::time_point first) {
    stats.prompt_ms = std::chrono::duration<double, std::milli>(first - start).count();
    stats.eval_ms = std::chrono::duration<double, std::milli>(Clock::now() - first).count();
    stats.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  };

  if (!view.stream) {
    if (!sleep_ms(mode.first_token_ms + mode.token_delay_ms * static_cast<int>(pieces.size()))) return;
    finish_stats(Clock::now());
    if (mode.error200) return respond(fd, 200, "application/json", "{\"error\":{\"code\":502,\"message\":\"test server: provider returned error\"}}");
    std::string whole = wire->whole(answer, stats);
    if (mode.malformed) whole.resize(whole.size() / 2);
    return respond(fd, 200, "application/json", whole, {}, mode.chunk);
  }

  if (!send_all(fd, head(200, wire->stream_content_type(), {{"Cache-Control", "no-cache"}}, std::nullopt))) return;
  BodyWriter out(fd, true, mode.chunk);
  if (mode.keepalive && !out.write(wire->keepalive())) return;
  if (!out.write(wire->head(stats))) return;
  if (mode.error200) {
    out.write(wire->stream_error("test server: provider returned error", stats));
    out.end();
    return;
  }
  // A client that closes the stream early is noted (GET /_abandoned) when the close is seen.
  auto gone = [&](std::size_t tokens_sent) {
    if (stopping_) return;
    std::lock_guard lock(mu_);
    abandoned_.push_back({{"path", req.path}, {"tokens_sent", tokens_sent},
                          {"ms", std::chrono::duration<double, std::milli>(Clock::now() - start).count()}});
  };
  const auto first_due = Clock::now() + std::chrono::milliseconds(mode.first_token_ms);  // after our own work
  while (Clock::now() < first_due) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(first_due - Clock::now()).count();
    if (!stream_pause(fd, static_cast<int>(std::min<long>(100, std::max<long>(1, left))))) return gone(0);
    if (mode.keepalive && Clock::now() < first_due && !out.write(wire->keepalive())) return;
  }
  const auto first = Clock::now();
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (static_cast<int>(i) == mode.after_tokens) {
      if (mode.midstream_error) {
        out.write(wire->stream_error("test server: error in the middle of the stream", stats));
        out.end();
        return;
      }
      if (mode.truncate) {
        out.write(pieces[i].substr(0, pieces[i].size() / 2));
        out.end();
        return;
      }
      if (mode.reset) {
        linger l{1, 0};
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        return;
      }
      if (mode.stall) {
        while (sleep_ms(50)) {
        }
        return;
      }
      if (mode.malformed) {
        out.write(wire->malformed("x"));
        out.end();
        return;
      }
    }
    // Token i goes out at first + i * delay: a late wake-up (busy machine) does not add up.
    if (i > 0) {
      const auto due = first + std::chrono::milliseconds(static_cast<long>(i) * mode.token_delay_ms);
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(due - Clock::now()).count();
      if (left > 0 && !stream_pause(fd, static_cast<int>(left))) return gone(i);
    }
    if (!out.write(pieces[i])) return gone(i);
  }
  finish_stats(first);
  if (!out.write(wire->tail(answer, stats))) return;
  out.end();
}

void TestServer::record(json r) {
  std::lock_guard lock(mu_);
  r["seq"] = ++seq_;
  if (!options_.record_path.empty()) {
    std::ofstream f(options_.record_path, std::ios::app);
    f << r.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  }
  records_.push_back(std::move(r));
}

std::vector<json> TestServer::abandoned() const {
  std::lock_guard lock(mu_);
  return abandoned_;
}

std::vector<json> TestServer::records() const {
  std::lock_guard lock(mu_);
  return records_;
}

void TestServer::clear_records() {
  std::lock_guard lock(mu_);
  records_.clear();
}

}  // namespace humain::testserver
