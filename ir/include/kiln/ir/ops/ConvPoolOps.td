//===- ConvPoolOps.td ---*- tablegen -*-===//
#ifndef KILN_CONVPOOL_OPS_TD
#define KILN_CONVPOOL_OPS_TD

#endif
