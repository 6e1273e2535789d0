#include "onair/report/Report.hpp"

namespace onair::report {

void write_csv_header(std::ostream& out) {
    out << "planned_start,planned_end,actual_start,actual_end,duration_s,programme,title,"
           "category,role,episode,source,status,note\r\n";
}

}  // namespace onair::report
