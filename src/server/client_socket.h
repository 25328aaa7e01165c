// The socket of the connection a request came in on, so a stream relay that is waiting for the
// upstream (no bytes to write, hence no write error) still notices that its client went away.
// httplib 0.11 does not hand the socket to handlers; it is found by its two addresses.
#pragma once

#include <string>

namespace humain::server {

// The connected socket of this process whose local and remote ends are these; -1 when none is.
// Linux only (/proc/self/fd); the caller uses it on the connection's own thread, while it is open.
int find_client_socket(const std::string& local_ip, int local_port, const std::string& remote_ip, int remote_port);

// True when the peer closed or reset the connection. Never blocks; data it sent is left unread.
bool client_gone(int fd);

}  // namespace humain::server
