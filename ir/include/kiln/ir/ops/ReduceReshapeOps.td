//===- ReduceReshapeOps.td ---*- tablegen -*-===//
#ifndef KILN_REDUCERESHAPE_OPS_TD
#define KILN_REDUCERESHAPE_OPS_TD

#endif
