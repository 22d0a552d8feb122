//===- IndexingOps.td ---*- tablegen -*-===//
#ifndef KILN_INDEXING_OPS_TD
#define KILN_INDEXING_OPS_TD

#endif
