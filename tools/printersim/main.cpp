/// ektp-printersim: the simulated card printer with a contactless encoder (the rig's
/// witness of every card face): `serve` runs it behind a control socket, `ctl` sends one
/// command, `print-job` is what ippeveprinter's print command runs for each document.

#include <signal.h>
#include <sys/signalfd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tools/cardsim/control_client.hpp"
#include "tools/printersim/control.hpp"
#include "tools/printersim/printer.hpp"
#include "tools/printersim/rig_seams.hpp"

namespace {

using namespace ektp::printersim;

struct ServeOptions {
  std::string control;
  std::string cardsim;
  std::string blanks;
  std::string state_dir;
  std::string printer_web;
  std::string trust;
  int hopper = 100;
  double print_seconds = 0.2;
};

int fail_with(const ektp::Error& error) {
  std::cerr << "ektp-printersim: " << error.message << "\n";
  return 1;
}

int serve(const ServeOptions& o) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ektp::cardsim::io::UniqueFd signal_fd(::signalfd(-1, &signals, SFD_CLOEXEC));

  std::string host;
  int port = 0;
  if (!o.printer_web.empty()) {
    const auto colon = o.printer_web.rfind(':');
    if (colon == std::string::npos) {
      return fail_with(ektp::fail("printersim.usage", "--printer-web wants HOST:PORT"));
    }
    host = o.printer_web.substr(0, colon);
    port = std::atoi(o.printer_web.c_str() + colon + 1);
  }
  CardsimEncoder encoder(o.cardsim);
  IppSupplies supplies(host, port);
  PdfToText faces;
  // Serials from the clock: a restarted simulator does not repeat the last one's.
  const auto first_serial = static_cast<std::uint32_t>(std::time(nullptr) & 0xFFFF) << 16;
  Printer printer(Hopper(o.blanks, first_serial), encoder, supplies, faces);
  if (!o.state_dir.empty()) printer.set_state_dir(o.state_dir);
  printer.set_print_seconds(o.print_seconds);
  if (!o.trust.empty()) {
    if (auto trusted = printer.set_trust(o.trust); !trusted) return fail_with(trusted.error());
  }
  if (auto loaded = printer.load(o.hopper); !loaded) return fail_with(loaded.error());
  printer.sync_supplies();
  auto server = ControlServer::listen(o.control, printer);
  if (!server) return fail_with(server.error());
  std::cout << "ektp-printersim: ready control=" << o.control << " hopper=" << o.hopper
            << std::endl;
  (*server)->run(signal_fd.get());
  printer.unload();  // the blanks' images go with the simulator
  return 0;
}

int ctl(const std::string& path, const std::vector<std::string>& words) {
  std::string command;
  for (const std::string& word : words) command += (command.empty() ? "" : " ") + word;
  auto client = ektp::cardsim::ControlClient::connect(path, std::chrono::seconds(120));
  if (!client) {
    std::cerr << "ektp-printersim: cannot reach the printer simulator at " << path << "\n";
    return 2;
  }
  auto answer = client->request(command);
  if (answer) {
    if (!answer->empty()) std::cout << *answer << "\n";
    return 0;
  }
  std::cerr << "ektp-printersim: " << answer.error().message << "\n";
  return answer.error().code == "cardsim.control.refused" ? 1 : 2;
}

/// key=value words of an answer; `message=` takes the rest of the line.
std::map<std::string, std::string> fields_of(const std::string& text) {
  std::map<std::string, std::string> out;
  const auto message = text.find("message=");
  std::istringstream words(text.substr(0, message));
  for (std::string word; words >> word;) {
    const auto eq = word.find('=');
    if (eq != std::string::npos) out[word.substr(0, eq)] = word.substr(eq + 1);
  }
  if (message != std::string::npos) out["message"] = text.substr(message + 8);
  return out;
}

/// ippeveprinter's print command: ask the simulator to print `file`, relay its
/// printer-state-reasons (STATE:) and messages on stderr, take the print time.
int print_job(const std::string& path, const std::string& file) {
  const char* type = std::getenv("CONTENT_TYPE");
  const char* job = std::getenv("IPP_JOB_NAME");
  auto client = ektp::cardsim::ControlClient::connect(path, std::chrono::seconds(120));
  if (!client) {
    std::cerr << "ERROR: The card printer's mechanics do not answer (printer simulator).\n";
    return 1;
  }
  auto answer = client->request("print " + percent_encode(type ? type : "unknown") + " " +
                                percent_encode(file) + " " + percent_encode(job ? job : ""));
  if (!answer) {
    std::cerr << "ERROR: The card printer's mechanics do not answer (printer simulator).\n";
    return 1;
  }
  auto f = fields_of(*answer);
  if (!f["state"].empty()) std::cerr << "STATE: " << f["state"] << "\n";
  if (f["result"] != "printing") {
    std::cerr << "ERROR: " << f["message"] << "\n";
    return 1;
  }
  std::cerr << "INFO: Printing the card.\n" << std::flush;
  std::this_thread::sleep_for(std::chrono::duration<double>(std::atof(f["seconds"].c_str())));
  auto done = client->request("printed");
  if (!done) {
    std::cerr << "ERROR: The card did not come out of the printer.\n";
    return 1;
  }
  std::cerr << "INFO: Card printed.\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ektp-printersim: a simulated card printer with a contactless encoder"};
  app.require_subcommand(1);

  ServeOptions o;
  auto* serve_cmd = app.add_subcommand("serve", "Run the printer behind a control socket");
  serve_cmd->add_option("--control", o.control, "Path of the control socket (mode 0600)")
      ->required();
  serve_cmd->add_option("--cardsim", o.cardsim, "The encoder card simulator's control socket")
      ->required();
  serve_cmd->add_option("--blanks", o.blanks, "Directory for the hopper's blank card images")
      ->required();
  serve_cmd->add_option("--state-dir", o.state_dir,
                        "Directory for plain witness files (fed, output_tray, hopper, "
                        "received.log; seconds_per_card is read at every print)");
  serve_cmd->add_option("--printer-web", o.printer_web,
                        "ippeveprinter's HOST:PORT, to mirror the hopper and ribbon levels");
  serve_cmd->add_option("--trust", o.trust, "CSCA certificate (PEM/DER) for the witness");
  serve_cmd->add_option("--hopper", o.hopper, "Blanks loaded at start")->capture_default_str();
  serve_cmd->add_option("--print-seconds", o.print_seconds, "Time to print one card")
      ->capture_default_str();

  std::string path, file;
  std::vector<std::string> words;
  auto* ctl_cmd = app.add_subcommand(
      "ctl", "Send one command and print the answer (exit 0 ok, 1 refused, 2 unreachable)");
  ctl_cmd->add_option("path", path, "Control socket path")->required();
  ctl_cmd->add_option("command", words, "The command and its arguments")->required();

  auto* job_cmd = app.add_subcommand(
      "print-job", "ippeveprinter's print command: print FILE on the card in the printer");
  job_cmd->add_option("--control", path, "Control socket path")->required();
  job_cmd->add_option("file", file, "The document")->required();

  CLI11_PARSE(app, argc, argv);
  if (serve_cmd->parsed()) return serve(o);
  if (job_cmd->parsed()) return print_job(path, file);
  return ctl(path, words);
}
