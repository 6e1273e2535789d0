#include <iostream>

#include "onair/cli/CommandLine.hpp"

int main(int argc, char** argv) {
    return onair::cli::run_command_line(argc, argv, std::cout, std::cerr);
}
