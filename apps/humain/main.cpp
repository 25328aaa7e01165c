// humain: screenshot + instruction -> where to click. Thin front end over the library.
#include <cstdio>
#include <exception>
#include <iostream>

#include "commands.h"
#include "humain/version.h"

int main(int argc, char** argv) {
  CLI::App app{"humain: find the pixel to click from a screenshot and an instruction.\n"
               "Start with: humain ground --image data/samples/login.png --instruction \"Click Sign in\" --json"};
  app.set_version_flag("--version", std::string("humain ") + HUMAIN_VERSION);
  app.require_subcommand(1);
  app.fallthrough();

  int exit_code = 0;
  humain::cli::add_version_command(app, exit_code);
  humain::cli::add_route_command(app, exit_code);
  humain::cli::add_ground_command(app, exit_code);
  humain::cli::add_parse_command(app, exit_code);
  humain::cli::add_eval_command(app, exit_code);
  humain::cli::add_models_command(app, exit_code);
  humain::cli::add_bench_command(app, exit_code);
  humain::cli::add_marks_command(app, exit_code);
  humain::cli::add_act_command(app, exit_code);  // issue 14
  humain::cli::add_serve_command(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Usage errors exit 2 (the CLI's convention); --help and --version exit 0.
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    // The library reports errors as Results; this guard only keeps a missed exception from
    // aborting the process (SIGABRT, a core file, no message).
    std::cerr << "humain: internal error: " << e.what() << "\n";
    return 1;
  } catch (...) {
    std::cerr << "humain: internal error (unknown exception)\n";
    return 1;
  }
  // A full disk or a closed pipe must not look like success (`humain ground --json > /dev/full`).
  std::cout.flush();
  if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::cerr << "humain: cannot write the output (standard output failed: disk full or pipe closed?)\n";
    return exit_code == 0 ? 1 : exit_code;
  }
  return exit_code;
}
