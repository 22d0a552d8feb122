//===- MatMulNormOps.td ---*- tablegen -*-===//
#ifndef KILN_MATMULNORM_OPS_TD
#define KILN_MATMULNORM_OPS_TD

#endif
