/** The expression syntax tree. Every node carries `pos`, the 0-based source offset used for columns. */
export type ExprNode =
  | { kind: 'literal'; value: number | string | boolean | null; pos: number }
  | { kind: 'variable'; name: string; pos: number }
  /** `obj.key`: `keyPos` points at the key, for diagnostics about it. */
  | { kind: 'member'; object: ExprNode; key: string; keyPos: number; pos: number }
  | { kind: 'index'; object: ExprNode; index: ExprNode; pos: number }
  | { kind: 'unary'; op: '!' | '-'; arg: ExprNode; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: ExprNode; right: ExprNode; pos: number }
  | { kind: 'conditional'; test: ExprNode; then: ExprNode; otherwise: ExprNode; pos: number }
  | { kind: 'call'; name: string; args: ExprNode[]; pos: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';
