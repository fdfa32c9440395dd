// The printer simulator's mechanics in process: the hopper empties at feed, a jam at
// card N leaves that card in the path until it is rejected, a double feed takes two
// blanks, and the counters add up.
#include <fstream>

#include "tests/unit/printersim/printersim_fixture.hpp"

using namespace ektp;
using namespace ektp::test;

TEST_CASE("feeding takes distinct blanks into the encoder until the hopper is empty") {
  PrinterRig rig(2);
  REQUIRE(rig->feed().ok());
  CHECK(rig.encoder.card.has_value());
  CHECK(rig->status_text().find("at_encoder=yes") != std::string::npos);
  CHECK(code_of(rig->feed()) == "printer.card_in_path");
  REQUIRE(rig->eject().ok());
  CHECK_FALSE(rig.encoder.card.has_value());
  REQUIRE(rig->feed().ok());
  REQUIRE(rig->eject().ok());
  REQUIRE(rig.encoder.inserted.size() == 2);
  CHECK(rig.encoder.inserted[0] != rig.encoder.inserted[1]);  // distinct serials

  const auto empty = rig->feed();
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().code == "printer.hopper_empty");
  CHECK(empty.error().message.find("Load blank cards") != std::string::npos);
  CHECK(rig->status_text().find("hopper=0 ") != std::string::npos);
  CHECK(rig->status_text().find("counter=2 ") != std::string::npos);
  REQUIRE_FALSE(rig.supplies.hopper_levels.empty());
  CHECK(rig.supplies.hopper_levels.back() == 0);  // ippeveprinter is told: media-empty

  // A refill goes on where it stopped.
  REQUIRE(rig->load(1).ok());
  CHECK(rig.supplies.hopper_levels.back() == 1);
  CHECK(rig->feed().ok());
  CHECK(rig->counters().card_counter == 3);
}

TEST_CASE("a jam at card N leaves that card in the path until it is rejected") {
  PrinterRig rig(5);
  REQUIRE(rig->arm("jam_at", 2).ok());
  REQUIRE(rig->feed().ok());
  REQUIRE(rig->eject().ok());

  const auto jammed = rig->feed();
  REQUIRE_FALSE(jammed.ok());
  CHECK(jammed.error().code == "printer.jam");
  const std::string status = rig->status_text();
  CHECK(status.find("jammed=yes") != std::string::npos);
  CHECK(status.find("in_path=yes") != std::string::npos);
  CHECK(status.find("at_encoder=no") != std::string::npos);
  CHECK_FALSE(rig.encoder.card.has_value());  // it never reached the encoder

  // Nothing moves past it: no feed, no eject, no print.
  CHECK(code_of(rig->feed()) == "printer.jam");
  CHECK(code_of(rig->eject()) == "printer.jam");
  const auto print = rig->begin_print("application/pdf", rig.document(), "job-1");
  CHECK_FALSE(print.printing);
  CHECK(print.state == "+media-jam");

  REQUIRE(rig->reject().ok());
  CHECK(rig->status_text().find("jammed=no") != std::string::npos);
  REQUIRE(rig->feed().ok());  // the next card is fine
  REQUIRE(rig->eject().ok());

  const auto& c = rig->counters();
  CHECK(c.jams == 1);
  CHECK(c.rejected == 1);
  CHECK(c.tray == 2);
  CHECK(c.card_counter == 3);
  CHECK(c.card_counter == c.tray + c.rejected);  // every blank taken is somewhere
}

TEST_CASE("a double feed takes two blanks; the printer rejects the second") {
  PrinterRig rig(4);
  REQUIRE(rig->arm("double_feed_at", 1).ok());
  REQUIRE(rig->feed().ok());
  const auto& c = rig->counters();
  CHECK(c.double_feeds == 1);
  CHECK(c.card_counter == 2);  // a station counting one card sees the mismatch
  CHECK(c.rejected == 1);
  CHECK(rig->status_text().find("hopper=2 ") != std::string::npos);
  REQUIRE(rig->eject().ok());
  REQUIRE(rig->feed().ok());  // only once
  CHECK(c.card_counter == 3);
}

TEST_CASE("cover open, reject bin full and a dead printer are refusals of their own") {
  PrinterRig rig(3);
  rig->set_cover_open(true);
  CHECK(code_of(rig->feed()) == "printer.cover_open");
  rig->set_cover_open(false);
  REQUIRE(rig->feed().ok());
  rig->set_reject_capacity(0);
  CHECK(code_of(rig->reject()) == "printer.reject_bin_full");
  CHECK(rig->status_text().find("reject_full=yes") != std::string::npos);
  rig->set_reject_capacity(5);
  CHECK(rig->reject().ok());
  CHECK(code_of(rig->reject()) == "printer.no_card");

  REQUIRE(rig->arm("dead", 0).ok());
  CHECK(rig->dead());
  rig->clear_faults();
  CHECK_FALSE(rig->dead());
  CHECK_FALSE(rig->arm("no_such_fault", 1).ok());
}

TEST_CASE("a print with no card in the path feeds a blank; its face counts as unverified") {
  PrinterRig rig(2);
  rig.faces.text = "a plain test page";
  const auto start = rig->begin_print("application/pdf", rig.document(), "test page");
  REQUIRE(start.printing);
  CHECK(start.verdict == printersim::FaceVerdict::unverified);
  CHECK(start.state.find("-media-empty") != std::string::npos);
  CHECK(code_of(rig->eject()) == "printer.printing");  // it comes out by itself
  REQUIRE(rig->finish_print().ok());
  CHECK(rig->eject().ok());  // the station's "card out": it is
  CHECK(code_of(rig->eject()) == "printer.no_card");

  const auto& c = rig->counters();
  CHECK(c.auto_feeds == 1);
  CHECK(c.faces_printed == 1);
  CHECK(c.faces_unverified == 1);
  CHECK(c.faces_verified == 0);
  CHECK(c.tray == 1);
  CHECK(rig->counters_text().find(" tray_job.test_page=1") != std::string::npos);
}

TEST_CASE("a print with the hopper empty and no card prints nothing and says media-empty") {
  PrinterRig rig(0);
  const auto start = rig->begin_print("application/pdf", rig.document(), "job");
  CHECK_FALSE(start.printing);
  CHECK(start.state.find("+media-empty") != std::string::npos);
  CHECK(start.message == "The card hopper is empty.");
  CHECK(rig->counters().faces_printed == 0);
  CHECK(rig->counters().prints_refused == 1);
}

TEST_CASE("ribbon out refuses the print; the ribbon level reaches the supply mirror") {
  PrinterRig rig(1);
  rig->set_ribbon(0);
  REQUIRE_FALSE(rig.supplies.ribbon_levels.empty());
  CHECK(rig.supplies.ribbon_levels.back() == 0);
  const auto start = rig->begin_print("application/pdf", rig.document(), "job");
  CHECK_FALSE(start.printing);
  CHECK(start.state.find("+toner-empty") != std::string::npos);
  CHECK(rig->counters().faces_printed == 0);
}
