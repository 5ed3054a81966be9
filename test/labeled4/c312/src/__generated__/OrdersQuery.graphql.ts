/* @generated */
const node = {
  "params": {
    "cacheID": "«h32»",
    "id": "«h32»",
    "name": "OrdersQuery",
    "operationKind": "query"
  }
};
(node as any).hash = "«h32»";
export default node;
