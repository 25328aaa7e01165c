#include <iostream>

#include "commands.h"
#include "humain/version.h"

namespace humain::cli {

void add_version_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("version", "Print the version and the libraries humain was built with");
  cmd->callback([&exit_code] {
    std::cout << "humain " << HUMAIN_VERSION << "\n";
    exit_code = 0;
  });
}

}  // namespace humain::cli
