// The control protocol on the core: answers, error codes, a dead printer's silence,
// %-encoded names; and the station's side of it (the sim transport's status parser,
// the manual transport's confirmations).
#include "tools/printersim/control.hpp"
#include "drivers/printer/manual_card_transport.hpp"
#include "drivers/printer/sim_card_transport.hpp"
#include "tests/unit/printersim/printersim_fixture.hpp"

using namespace ektp;
using namespace ektp::test;
using printersim::execute_line;

namespace {
std::string run(printersim::Printer& p, const std::string& line) {
  bool quit = false;
  auto answer = execute_line(p, line, quit);
  return answer ? *answer : "(no answer)";
}
}  // namespace

TEST_CASE("control lines answer ok or err with the printer's code") {
  PrinterRig rig(1);
  CHECK(run(*rig, "feed") == "ok");
  CHECK(run(*rig, "feed").rfind("err printer.card_in_path ", 0) == 0);
  CHECK(run(*rig, "eject") == "ok");
  CHECK(run(*rig, "feed").rfind("err printer.hopper_empty ", 0) == 0);
  CHECK(run(*rig, "bogus").rfind("err printer.refused ", 0) == 0);
  CHECK(run(*rig, "load 2") == "ok");

  auto status = printer::parse_transport_status(run(*rig, "status").substr(3));
  REQUIRE(status.ok());
  CHECK(status->hopper_level == 2);
  CHECK(status->hopper_low);
  CHECK_FALSE(status->card_in_path);
  CHECK(status->card_counter == 1);
  CHECK(status->ribbon_percent == 100);

  CHECK(run(*rig, "fault dead") == "ok");
  CHECK(run(*rig, "feed") == "(no answer)");
  CHECK(run(*rig, "status") == "(no answer)");
  CHECK(run(*rig, "counters").rfind("ok counter=1 ", 0) == 0);  // the test's hand still works
  CHECK(run(*rig, "revive") == "ok");
  CHECK(run(*rig, "feed") == "ok");
}

TEST_CASE("print answers carry the state reasons and the time; names are %-encoded") {
  PrinterRig rig(1);
  const std::string file = printersim::percent_encode(rig.document().string());
  const std::string line =
      "print application/pdf " + file + " " + printersim::percent_encode("my job 100%");
  const std::string answer = run(*rig, line);
  CHECK(answer.rfind("ok result=printing seconds=0.2 verdict=unverified state=-media-jam", 0) == 0);
  CHECK(run(*rig, "printed") == "ok");
  CHECK(run(*rig, "counters").find(" tray_job.my_job_100_=1") != std::string::npos);
  CHECK(printersim::percent_decode(printersim::percent_encode("a b%c\td")) == "a b%c\td");

  CHECK(run(*rig, "print application/pdf " + file)
            .find("result=refused state=-media-jam,+media-empty") != std::string::npos);
}

TEST_CASE("the manual transport asks the operator and counts what was placed") {
  std::vector<printer::ManualStep> asked;
  printer::ManualAnswer next = printer::ManualAnswer::done;
  printer::ManualCardTransport manual(
      [&](printer::ManualStep step, const std::string& instruction) {
        asked.push_back(step);
        CHECK_FALSE(instruction.empty());
        return next;
      });
  REQUIRE(manual.feed().ok());
  CHECK(manual.status()->card_in_encoder);
  CHECK(manual.feed().error().code == "printer.card_in_path");
  REQUIRE(manual.eject().ok());
  CHECK(manual.eject().error().code == "printer.no_card");
  REQUIRE(manual.feed().ok());
  REQUIRE(manual.reject().ok());
  CHECK(manual.status()->card_counter == 2);
  next = printer::ManualAnswer::no_blanks;
  CHECK(manual.feed().error().code == "printer.hopper_empty");
  CHECK(manual.status()->hopper_empty);
  next = printer::ManualAnswer::cancel;
  CHECK(manual.feed().error().code == "printer.cancelled");
  CHECK(asked.size() == 6);
  CHECK(asked.front() == printer::ManualStep::place_on_reader);
}
