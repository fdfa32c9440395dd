#include "daemon/card_station.hpp"

#include "daemon/cups_face_print_path.hpp"
#include "daemon/spool_permit_authority.hpp"
#include "drivers/printer/cups_driver.hpp"
#include "drivers/printer/permit_service.hpp"
#include "drivers/printer/sim_card_transport.hpp"
#include "drivers/reader/pcsc_reader.hpp"

namespace ektp::daemon {

struct CardStation::Impl {
  Impl(spool::Spool& s, std::mutex& l, JobContent& c, CardStationConfig cfg)
      : spool(s),
        lock(l),
        content(c),
        config(std::move(cfg)),
        transport(config.printer_control),
        encoder(config.encoder_reader),
        authority(spool.attempts(), lock,
                  [this](std::int64_t attempt_id) { return face_of(attempt_id); }),
        driver({.queue = config.queue}),
        print(driver) {}

  Result<std::vector<std::uint8_t>> face_of(std::int64_t attempt_id) {
    std::string job_id;
    {
      std::lock_guard guard(lock);
      auto attempt = spool.attempts().get(attempt_id);
      if (!attempt) return attempt.error();
      job_id = attempt->job_id;
    }
    return content.face(job_id);
  }

  chip::PersoOutcome write_chip(const chip::PersoJob& job) {
    auto card = encoder.connect(config.connect_timeout);
    if (!card) {
      chip::PersoOutcome none;  // retry: nothing was written
      none.detail = card.error();
      return none;
    }
    const auto deadline = config.apdu_timeout;
    const chip::Transmit transmit = [this, deadline](const chip::Bytes& apdu) {
      return encoder.transmit(apdu, deadline);
    };
    auto outcome = chip::personalize(job, transmit, {.atr = card->atr});
    (void)encoder.disconnect();
    return outcome;
  }

  CardRunParts parts() {
    return CardRunParts{
        .spool = spool,
        .spool_lock = lock,
        .transport = transport,
        .write_chip = [this](const chip::PersoJob& job) { return write_chip(job); },
        .perso_job = [this](const spool::JobRecord& job) { return content.perso_job(job); },
        .print = print,
        .on_waiting = waiting,
    };
  }

  spool::Spool& spool;
  std::mutex& lock;
  JobContent& content;
  CardStationConfig config;
  printer::SimCardTransport transport;
  reader::PcscReader encoder;
  SpoolPermitAuthority authority;
  std::unique_ptr<printer::PermitServer> server;
  printer::CupsDriver driver;
  CupsFacePrintPath print;
  CounterWatch counter;
  std::function<void(printer::PrintVerdict)> waiting;
};

Result<std::unique_ptr<CardStation>> CardStation::start(spool::Spool& spool, std::mutex& spool_lock,
                                                        JobContent& content,
                                                        CardStationConfig config) {
  auto impl = std::make_unique<Impl>(spool, spool_lock, content, std::move(config));
  auto server =
      printer::PermitServer::start(impl->authority, {.socket_path = impl->config.gate_socket});
  if (!server) return server.error();
  impl->server = std::move(*server);
  if (auto cleaned = impl->driver.start_up(); !cleaned) return cleaned.error();
  return std::unique_ptr<CardStation>(new CardStation(std::move(impl)));
}

CardStation::CardStation(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CardStation::~CardStation() {
  impl_->server.reset();  // no redeem may run on a station being torn down
}

Result<std::optional<CardRunReport>> CardStation::run_next() {
  std::optional<spool::Claim> claim;
  {
    std::lock_guard guard(impl_->lock);
    auto next = impl_->spool.claim_next();
    if (!next) return next.error();
    if (!next->has_value()) return std::optional<CardRunReport>{};
    claim = **next;
  }
  return std::optional<CardRunReport>{run(*claim)};
}

CardRunReport CardStation::run(const spool::Claim& claim) {
  auto parts = impl_->parts();
  return run_card(parts, claim, impl_->counter, impl_->config.run);
}

printer::CardTransport& CardStation::transport() { return impl_->transport; }

void CardStation::on_waiting(std::function<void(printer::PrintVerdict)> callback) {
  impl_->waiting = std::move(callback);
}

const CounterWatch& CardStation::counter() const { return impl_->counter; }

}  // namespace ektp::daemon
