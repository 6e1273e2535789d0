#include <iostream>

#include "onair/daemon/CommandLine.hpp"

int main(int argc, char** argv) {
    return onair::daemon::run_command_line(argc, argv, std::cout, std::cerr);
}
