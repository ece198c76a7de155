// Micro benchmarks of core/document: a receipt-like one-page PDF with a QR code (Decree
// 61/2018/NĐ-CP Art. 17), alone and on two threads at once, and a 1,000-row statistics workbook.
// Figures and the command: docs/BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include "core/document/pdf.h"
#include "core/document/xlsx.h"

namespace tinhso::document {
namespace {

Document receipt() {
  Document d;
  d.title = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả";
  d.created = std::chrono::sys_days{std::chrono::year{2026} / 11 / 26};
  d.blocks = {
      Header{{{"UBND TỈNH PHÚ THỌ"}, {"TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", {.bold = true}}, {"Số: 0007/TN"}},
             {{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {.bold = true, .size_pt = 12}},
              {"Độc lập - Tự do - Hạnh phúc", {.bold = true, .underline = true}},
              {"Phú Thọ, ngày 26 tháng 11 năm 2026", {.italic = true}}}},
      Title{"Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Mã hồ sơ: H25.12-251126-0007"},
      Paragraph{"Trung tâm Phục vụ hành chính công tỉnh Phú Thọ tiếp nhận hồ sơ của bà Nguyễn Thị Lan, số 12 "
                "đường Hùng Vương, phường Tiên Cát, thành phố Việt Trì, tỉnh Phú Thọ.",
                {.align = Align::justify}, 10},
      KeyValueTable{{{"Thủ tục", "Cấp giấy phép xây dựng nhà ở riêng lẻ"},
                     {"Số bộ hồ sơ", "01 bộ"},
                     {"Thời hạn giải quyết", "15 ngày làm việc"},
                     {"Ngày hẹn trả kết quả", "14 giờ 00, ngày 17/12/2026"},
                     {"Nơi trả kết quả", "Quầy số 5, Trung tâm Phục vụ hành chính công"}}},
      List{{"Đơn đề nghị cấp giấy phép xây dựng", "Bản sao giấy chứng nhận quyền sử dụng đất",
            "Hai bộ bản vẽ thiết kế xây dựng"},
           true},
      Signatures{{{"NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", "Nguyễn Thị Lan"},
                  {"NGƯỜI TIẾP NHẬN", "(Ký và ghi rõ họ tên)", "Trần Văn Bình"}}},
      QrCode{"https://dichvucong.phutho.gov.vn/tra-cuu?ma=H25.12-251126-0007", "Quét mã để tra cứu tình trạng hồ sơ"},
  };
  return d;
}

void BM_ReceiptPdf(benchmark::State& state) {
  const Document d = receipt();
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string pdf = render_pdf(d);
    bytes = pdf.size();
    benchmark::DoNotOptimize(pdf.data());
  }
  state.counters["KB"] = benchmark::Counter(static_cast<double>(bytes) / 1024, benchmark::Counter::kAvgThreads);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReceiptPdf)->Unit(benchmark::kMillisecond)->UseRealTime()->Threads(1)->Threads(2);

void BM_StatisticsXlsx(benchmark::State& state) {
  Workbook b;
  b.title = "Thống kê hồ sơ";
  Sheet s{"Theo thủ tục", {{"Thủ tục", 50}, {"Số hồ sơ", 12}, {"Đúng hạn", 12}, {"Thời gian TB (ngày)", 18, 2}}, {}};
  for (int i = 0; i < 1000; ++i)
    s.rows.push_back({std::string("Thủ tục hành chính số ") + std::to_string(i), std::int64_t{i * 7},
                      Percent{0.9 + (i % 10) / 100.0}, 3.5 + i % 12});
  b.sheets.push_back(std::move(s));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string xlsx = write_xlsx(b);
    bytes = xlsx.size();
    benchmark::DoNotOptimize(xlsx.data());
  }
  state.counters["KB"] = static_cast<double>(bytes) / 1024;
}
BENCHMARK(BM_StatisticsXlsx)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace tinhso::document

BENCHMARK_MAIN();
