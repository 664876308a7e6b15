// Go's string quoting, for messages that upstream renders with %q or strconv.Quote
// (robfig's "strconv.Atoi: parsing \"x\": invalid syntax", field.Invalid's `Invalid value: "..."`).
#pragma once

#include <string>
#include <string_view>

namespace jobsim::cron {

// go_quote is Go's strconv.Quote: double quotes around `text`, with \" and \\ escaped, \a \b \f
// \n \r \t \v for those controls, \xNN for other ASCII controls and invalid UTF-8 bytes, and
// \uXXXX for non-printable characters (Unicode separators such as U+00A0 and U+3000, C1
// controls, format characters; an approximation of Go's unicode.IsPrint tables). Printable
// UTF-8 is kept as is.
std::string go_quote(std::string_view text);

}  // namespace jobsim::cron
