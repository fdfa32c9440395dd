/// ektp-cardsim: the simulated contactless card, as a vpcd client with a
/// control socket (`serve`), and a one-shot client of that socket (`ctl`).

#include <signal.h>
#include <sys/signalfd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "tools/cardsim/card.hpp"
#include "tools/cardsim/card_config.hpp"
#include "tools/cardsim/control_client.hpp"
#include "tools/cardsim/control_server.hpp"
#include "tools/cardsim/slot.hpp"

namespace {

using namespace ektp::cardsim;

struct ServeOptions {
  VpcdEndpoint vpcd;
  std::string control;
  bool insert = false;
  std::string trace;
  std::vector<std::string> settings;
};

int fail_with(const ektp::Error& error) {
  std::cerr << "ektp-cardsim: " << error.message << "\n";
  return 1;
}

int serve(const ServeOptions& options) {
  auto config = parse_config(options.settings);
  if (!config) return fail_with(config.error());

  // Signals arrive through a signalfd in the server's loop; block them
  // before any thread starts so that no other thread takes them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ektp::cardsim::io::UniqueFd signal_fd(::signalfd(-1, &signals, SFD_CLOEXEC));

  Slot slot(options.vpcd);
  if (auto taken = slot.take(Card(std::move(*config))); !taken) return fail_with(taken.error());
  if (!options.trace.empty()) {
    if (auto traced = slot.set_trace(options.trace); !traced) return fail_with(traced.error());
  }
  auto server = ControlServer::listen(options.control, slot);
  if (!server) return fail_with(server.error());
  if (options.insert) {
    if (auto inserted = slot.insert(); !inserted) return fail_with(inserted.error());
  }
  std::cout << "ektp-cardsim: ready control=" << options.control << " vpcd=" << options.vpcd.host
            << ":" << options.vpcd.port << std::endl;
  (*server)->run(signal_fd.get());
  slot.remove();
  return 0;
}

int ctl(const std::string& path, const std::vector<std::string>& words) {
  std::string command;
  for (const std::string& word : words) command += (command.empty() ? "" : " ") + word;
  auto client = ControlClient::connect(path);
  if (!client) {
    std::cerr << "ektp-cardsim: " << client.error().message << "\n";
    return 2;
  }
  auto answer = client->request(command);
  if (answer) {
    if (!answer->empty()) std::cout << *answer << "\n";
    return 0;
  }
  std::cerr << "ektp-cardsim: " << answer.error().message << "\n";
  return answer.error().code == "cardsim.control.refused" ? 1 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ektp-cardsim: a simulated e-KTP contactless chip for the vpcd virtual reader"};
  app.require_subcommand(1);

  ServeOptions options;
  auto* serve_cmd = app.add_subcommand(
      "serve", "Run the card: a vpcd client while inserted, driven through a control socket");
  serve_cmd->add_option("--vpcd-port", options.vpcd.port, "vpcd's TCP port (reader.conf CHANNELID)")
      ->required();
  serve_cmd->add_option("--vpcd-host", options.vpcd.host, "vpcd's host")->capture_default_str();
  serve_cmd->add_option("--control", options.control, "Path of the control socket (mode 0600)")
      ->required();
  serve_cmd->add_flag("--insert", options.insert, "Put the card in the field at start");
  serve_cmd->add_option("--trace", options.trace, "Write the APDU trace to this file");
  serve_cmd->add_option("settings", options.settings,
                        "Card settings key=value: capacity, ext_max, atr, serial, uid, uid_mode, "
                        "timing, bitrate, frame_overhead_us, frame_size, page_size, page_write_us");

  std::string path;
  std::vector<std::string> words;
  auto* ctl_cmd =
      app.add_subcommand("ctl",
                         "Send one command to a running simulator and print the answer "
                         "(exit 0 ok, 1 refused, 2 cannot reach it); `help` lists the commands");
  ctl_cmd->add_option("path", path, "Control socket path")->required();
  ctl_cmd->add_option("command", words, "The command and its arguments")->required();

  CLI11_PARSE(app, argc, argv);
  if (serve_cmd->parsed()) return serve(options);
  return ctl(path, words);
}
