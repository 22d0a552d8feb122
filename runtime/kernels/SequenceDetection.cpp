//===- SequenceDetection.cpp - NonMaxSuppression and RoiAlign kernels -----===//
//
// The two detection-head ops of ONNX:
//
// NonMaxSuppression, per batch entry and class:
//   1. keep the boxes whose score is greater than score_threshold (all of
//      them when it is absent);
//   2. visit them by descending score (ties: lower box index first) and
//      select a box unless its intersection over union with an already
//      selected box exceeds iou_threshold, stopping after
//      max_output_boxes_per_class selections (0 or absent: none).
// Boxes with no area never suppress or get suppressed, as in onnxruntime.
//
// RoiAlign, per region and output bin: average (or take the maximum of) a
// sampling_ratio x sampling_ratio grid of bilinear samples of the feature
// map (an adaptive ceil(roi_size / output_size) grid when sampling_ratio is
// 0). Samples more than one pixel outside the map read zero; coordinates are
// shifted by half a pixel with coordinate_transformation_mode = half_pixel.
// The maximum mode takes, as onnxruntime and the ONNX reference do, the
// largest of the four weighted corner values of each sample.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/Sequence.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace kiln::ref {
namespace {

/// Upper bound for RoiAlign's output size and per-bin sample grid sides.
constexpr int64_t kMaxRoiSize = int64_t(1) << 20;
/// Upper bound for RoiAlign's samples per region bin: guards the adaptive
/// grid of a huge region against an effectively endless loop.
constexpr int64_t kMaxSamplesPerBin = int64_t(1) << 16;

/// An axis-aligned box as min/max corners.
struct Box {
  double x1, y1, x2, y2;
  double area() const { return (x2 - x1) * (y2 - y1); }
};

/// Whether \p a and \p b overlap by more than \p threshold (IoU).
bool suppresses(const Box &a, const Box &b, double threshold) {
  double ix1 = std::max(a.x1, b.x1), iy1 = std::max(a.y1, b.y1);
  double ix2 = std::min(a.x2, b.x2), iy2 = std::min(a.y2, b.y2);
  if (ix2 <= ix1 || iy2 <= iy1)
    return false;
  double inter = (ix2 - ix1) * (iy2 - iy1);
  double areaA = a.area(), areaB = b.area();
  double uni = areaA + areaB - inter;
  if (areaA <= 0.0 || areaB <= 0.0 || uni <= 0.0)
    return false;
  return inter / uni > threshold;
}

/// Reads an optional 0-D or one-element float input, or \p def.
Status readScalarFloat(const KernelContext &ctx, size_t i,
                       std::string_view what, double def, double &out) {
  out = def;
  const Tensor *t = ctx.input(i);
  if (!t)
    return Status::ok();
  if (!isFloat(t->dtype()))
    return ctx.fail("expected {} of a float type, found {}", what,
                    dtypeName(t->dtype()));
  if (t->rank() > 1 || t->numElements() != 1)
    return ctx.fail("expected {} to hold one value, found shape {}", what,
                    formatShape(t->shape()));
  out = t->getAsDouble(0);
  return Status::ok();
}

} // namespace

Status evalNonMaxSuppression(KernelContext &ctx) {
  const Tensor *boxes, *scores;
  KILN_RETURN_IF_ERROR(ctx.required(0, boxes));
  KILN_RETURN_IF_ERROR(ctx.required(1, scores));
  if (!isFloat(boxes->dtype()) || !isFloat(scores->dtype()))
    return ctx.fail("expected boxes and scores of a float type, found {} and "
                    "{}",
                    dtypeName(boxes->dtype()), dtypeName(scores->dtype()));
  if (boxes->rank() != 3 || boxes->dim(2) != 4)
    return ctx.fail("expected boxes of shape batch x boxes x 4, found {}",
                    formatShape(boxes->shape()));
  int64_t numBatches = boxes->dim(0), numBoxes = boxes->dim(1);
  if (scores->rank() != 3 || scores->dim(0) != numBatches ||
      scores->dim(2) != numBoxes)
    return ctx.fail("expected scores of shape {}x<classes>x{}, found {}",
                    numBatches, numBoxes, formatShape(scores->shape()));
  int64_t numClasses = scores->dim(1);

  int64_t maxPerClass = 0;
  if (const Tensor *m = ctx.input(2)) {
    std::vector<int64_t> v;
    KILN_RETURN_IF_ERROR(readInt64Values(*m, "max_output_boxes_per_class", v));
    if (v.size() > 1)
      return ctx.fail("expected max_output_boxes_per_class to hold one value, "
                      "found {}",
                      v.size());
    maxPerClass = v.empty() ? 0 : std::max<int64_t>(v[0], 0);
  }
  double iouThreshold, scoreThreshold;
  KILN_RETURN_IF_ERROR(
      readScalarFloat(ctx, 3, "iou_threshold", 0.0, iouThreshold));
  if (!(iouThreshold >= 0.0 && iouThreshold <= 1.0))
    return ctx.fail("expected iou_threshold in [0, 1], found {}", iouThreshold);
  KILN_RETURN_IF_ERROR(
      readScalarFloat(ctx, 4, "score_threshold", 0.0, scoreThreshold));
  bool filterScores = ctx.input(4) != nullptr;
  bool centerPointBox;
  KILN_RETURN_IF_ERROR(readFlag(ctx, "center_point_box", centerPointBox));

  std::vector<int64_t> selected; // Triples (batch, class, box).
  std::vector<Box> boxList(static_cast<size_t>(numBoxes));
  std::vector<int64_t> order;
  std::vector<int64_t> chosen;
  std::vector<double> key(static_cast<size_t>(numBoxes));
  for (int64_t b = 0; b < numBatches; ++b) {
    for (int64_t i = 0; i < numBoxes; ++i) {
      int64_t o = (b * numBoxes + i) * 4;
      double v0 = boxes->getAsDouble(o), v1 = boxes->getAsDouble(o + 1);
      double v2 = boxes->getAsDouble(o + 2), v3 = boxes->getAsDouble(o + 3);
      Box &box = boxList[i];
      if (centerPointBox) {
        // [x_center, y_center, width, height].
        box = {v0 - v2 / 2, v1 - v3 / 2, v0 + v2 / 2, v1 + v3 / 2};
      } else {
        // [y1, x1, y2, x2], any pair of diagonal corners.
        box = {std::min(v1, v3), std::min(v0, v2), std::max(v1, v3),
               std::max(v0, v2)};
      }
    }
    for (int64_t c = 0; c < numClasses; ++c) {
      int64_t scoreBase = (b * numClasses + c) * numBoxes;
      order.clear();
      for (int64_t i = 0; i < numBoxes; ++i) {
        double s = scores->getAsDouble(scoreBase + i);
        // NaN sorts last, keeping the comparison a strict weak order.
        key[i] = std::isnan(s) ? -std::numeric_limits<double>::infinity() : s;
        if (!filterScores || s > scoreThreshold)
          order.push_back(i);
      }
      std::stable_sort(order.begin(), order.end(),
                       [&](int64_t l, int64_t r) { return key[l] > key[r]; });
      chosen.clear();
      for (int64_t i : order) {
        if (static_cast<int64_t>(chosen.size()) >= maxPerClass)
          break;
        bool keep = true;
        for (int64_t j : chosen)
          if (suppresses(boxList[i], boxList[j], iouThreshold)) {
            keep = false;
            break;
          }
        if (keep)
          chosen.push_back(i);
      }
      for (int64_t i : chosen)
        selected.insert(selected.end(), {b, c, i});
    }
  }
  int64_t count = static_cast<int64_t>(selected.size() / 3);
  Tensor out(DType::I64, {count, 3});
  std::copy(selected.begin(), selected.end(), out.data<int64_t>());
  ctx.outputs[0] = std::move(out);
  return Status::ok();
}

namespace {

/// The four corners and weights of one bilinear sample of an H x W map.
struct Sample {
  int64_t pos[4] = {0, 0, 0, 0};
  double w[4] = {0, 0, 0, 0};
};

/// The bilinear sample of an H x W map at (y, x), as onnxruntime computes it.
Sample bilinearSample(double y, double x, int64_t height, int64_t width) {
  Sample s;
  if (y < -1.0 || y > double(height) || x < -1.0 || x > double(width))
    return s; // Outside: reads zero.
  y = std::max(y, 0.0);
  x = std::max(x, 0.0);
  int64_t yLow = static_cast<int64_t>(y), xLow = static_cast<int64_t>(x);
  int64_t yHigh, xHigh;
  if (yLow >= height - 1) {
    yHigh = yLow = height - 1;
    y = double(yLow);
  } else {
    yHigh = yLow + 1;
  }
  if (xLow >= width - 1) {
    xHigh = xLow = width - 1;
    x = double(xLow);
  } else {
    xHigh = xLow + 1;
  }
  double ly = y - double(yLow), lx = x - double(xLow);
  double hy = 1.0 - ly, hx = 1.0 - lx;
  s.pos[0] = yLow * width + xLow;
  s.pos[1] = yLow * width + xHigh;
  s.pos[2] = yHigh * width + xLow;
  s.pos[3] = yHigh * width + xHigh;
  s.w[0] = hy * hx;
  s.w[1] = hy * lx;
  s.w[2] = ly * hx;
  s.w[3] = ly * lx;
  return s;
}

} // namespace

Status evalRoiAlign(KernelContext &ctx) {
  const Tensor *x, *rois, *batchIndices;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, rois));
  KILN_RETURN_IF_ERROR(ctx.required(2, batchIndices));
  if (!isFloat(x->dtype()) || !isFloat(rois->dtype()))
    return ctx.fail("expected X and rois of a float type, found {} and {}",
                    dtypeName(x->dtype()), dtypeName(rois->dtype()));
  if (x->rank() != 4)
    return ctx.fail("expected X of rank 4, found shape {}",
                    formatShape(x->shape()));
  if (rois->rank() != 2 || rois->dim(1) != 4)
    return ctx.fail("expected rois of shape num_rois x 4, found {}",
                    formatShape(rois->shape()));
  int64_t numRois = rois->dim(0);
  if (batchIndices->dtype() != DType::I64 &&
      batchIndices->dtype() != DType::I32)
    return ctx.fail("expected batch_indices of type i64, found {}",
                    dtypeName(batchIndices->dtype()));
  if (batchIndices->shape() != Shape{numRois})
    return ctx.fail("expected batch_indices of shape {}, found {}",
                    formatShape({numRois}), formatShape(batchIndices->shape()));

  const AttrMap &attrs = ctx.attributes();
  std::string ctm =
      attrs.getString("coordinate_transformation_mode", "half_pixel");
  if (ctm != "half_pixel" && ctm != "output_half_pixel")
    return ctx.fail("expected 'coordinate_transformation_mode' to be "
                    "half_pixel or output_half_pixel, found '{}'",
                    ctm);
  bool halfPixel = ctm == "half_pixel";
  std::string mode = attrs.getString("mode", "avg");
  if (mode != "avg" && mode != "max")
    return ctx.fail("expected 'mode' to be avg or max, found '{}'", mode);
  bool avg = mode == "avg";
  int64_t outH = attrs.getInt("output_height", 1);
  int64_t outW = attrs.getInt("output_width", 1);
  if (outH < 1 || outH > kMaxRoiSize || outW < 1 || outW > kMaxRoiSize)
    return ctx.fail("expected 'output_height' and 'output_width' in [1, {}], "
                    "found {} and {}",
                    kMaxRoiSize, outH, outW);
  int64_t samplingRatio = attrs.getInt("sampling_ratio", 0);
  if (samplingRatio < 0 || samplingRatio > kMaxRoiSize)
    return ctx.fail("expected 'sampling_ratio' in [0, {}], found {}",
                    kMaxRoiSize, samplingRatio);
  double spatialScale = attrs.getFloat("spatial_scale", 1.0);

  int64_t n = x->dim(0), channels = x->dim(1);
  int64_t height = x->dim(2), width = x->dim(3);
  Shape outShape{numRois, channels, outH, outW};
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  Tensor out(x->dtype(), outShape);
  if (out.numElements() == 0) {
    ctx.outputs[0] = std::move(out);
    return Status::ok();
  }
  if (height == 0 || width == 0)
    return ctx.fail("expected X with a non-empty feature map, found shape {}",
                    formatShape(x->shape()));

  double offset = halfPixel ? 0.5 : 0.0;
  std::vector<Sample> samples;
  for (int64_t r = 0; r < numRois; ++r) {
    int64_t bi = batchIndices->getAsInt64(r);
    if (bi < 0 || bi >= n)
      return ctx.fail("expected batch_indices values in [0, {}), found {}", n,
                      bi);
    double coords[4];
    for (int k = 0; k < 4; ++k) {
      coords[k] = rois->getAsDouble(r * 4 + k);
      if (!std::isfinite(coords[k]))
        return ctx.fail("expected finite rois, found {} in region {}",
                        coords[k], r);
    }
    double startW = coords[0] * spatialScale - offset;
    double startH = coords[1] * spatialScale - offset;
    double endW = coords[2] * spatialScale - offset;
    double endH = coords[3] * spatialScale - offset;
    double roiW = endW - startW, roiH = endH - startH;
    if (!halfPixel) {
      roiW = std::max(roiW, 1.0);
      roiH = std::max(roiH, 1.0);
    }
    if (!std::isfinite(startW) || !std::isfinite(startH) ||
        !std::isfinite(roiW) || !std::isfinite(roiH))
      return ctx.fail("expected finite scaled rois, found a non-finite value "
                      "in region {}",
                      r);
    double binH = roiH / double(outH), binW = roiW / double(outW);
    // An empty or inverted region has no samples and reads zero.
    double gridHd = samplingRatio > 0
                        ? double(samplingRatio)
                        : std::max(0.0, std::ceil(roiH / double(outH)));
    double gridWd = samplingRatio > 0
                        ? double(samplingRatio)
                        : std::max(0.0, std::ceil(roiW / double(outW)));
    if (!(gridHd * gridWd <= double(kMaxSamplesPerBin)))
      return ctx.fail("expected at most {} samples per bin, found {} x {} in "
                      "region {}",
                      kMaxSamplesPerBin, gridHd, gridWd, r);
    int64_t gridH = static_cast<int64_t>(gridHd);
    int64_t gridW = static_cast<int64_t>(gridWd);
    double count = double(std::max<int64_t>(gridH * gridW, 1));

    int64_t perBin = gridH * gridW;
    for (int64_t ph = 0; ph < outH; ++ph) {
      for (int64_t pw = 0; pw < outW; ++pw) {
        // The samples of this bin, shared by all channels.
        samples.clear();
        for (int64_t iy = 0; iy < gridH; ++iy) {
          double yy = startH + double(ph) * binH +
                      (double(iy) + 0.5) * binH / double(gridH);
          for (int64_t ix = 0; ix < gridW; ++ix) {
            double xx = startW + double(pw) * binW +
                        (double(ix) + 0.5) * binW / double(gridW);
            samples.push_back(bilinearSample(yy, xx, height, width));
          }
        }
        for (int64_t c = 0; c < channels; ++c) {
          int64_t mapBase = (bi * channels + c) * height * width;
          double acc = 0.0;
          for (int64_t s = 0; s < perBin; ++s) {
            const Sample &smp = samples[s];
            double v[4];
            for (int k = 0; k < 4; ++k)
              v[k] = smp.w[k] * x->getAsDouble(mapBase + smp.pos[k]);
            if (avg) {
              acc += v[0] + v[1] + v[2] + v[3];
            } else {
              double m = std::max(std::max(v[0], v[1]), std::max(v[2], v[3]));
              acc = s == 0 ? m : std::max(acc, m);
            }
          }
          out.setFromDouble(((r * channels + c) * outH + ph) * outW + pw,
                            avg ? acc / count : acc);
        }
      }
    }
  }
  ctx.outputs[0] = std::move(out);
  return Status::ok();
}

} // namespace kiln::ref
