// The CLI's subcommands: one file each. add_X registers X on the app; when X runs, its callback
// stores the process exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace humain::cli {

void add_version_command(CLI::App& app, int& exit_code);
void add_route_command(CLI::App& app, int& exit_code);   // route_command.cpp
void add_ground_command(CLI::App& app, int& exit_code);  // ground_command.cpp
void add_parse_command(CLI::App& app, int& exit_code);   // parse_command.cpp
void add_eval_command(CLI::App& app, int& exit_code);    // eval_command.cpp
void add_models_command(CLI::App& app, int& exit_code);  // models.h, gguf.h
void add_bench_command(CLI::App& app, int& exit_code);   // bench.h
void add_marks_command(CLI::App& app, int& exit_code);   // set_of_marks.h
void add_act_command(CLI::App& app, int& exit_code);     // act_command.cpp (issue 14: live desktop)
void add_bench_live_subcommand(CLI::App& bench, int& exit_code);  // bench_live_command.cpp (issue 14)
void add_serve_command(CLI::App& app, int& exit_code);   // serve_command.cpp, server.h

}  // namespace humain::cli
