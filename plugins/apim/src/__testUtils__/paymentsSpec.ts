/** A trimmed copy of the demo payments definition: what the Try-It console reads examples from. */
export const paymentsSpec = `openapi: 3.0.3
info:
  title: Payments API
  version: 1.4.0
  description: |
    Accept card payments.

    ## Conventions
servers:
  - url: https://api.sandbox.acme.example/payments/v1
    description: Sandbox - test cards only
    x-portico-environment: sandbox
  - url: https://api.acme.example/payments/v1
    x-portico-environment: production
paths:
  /payments:
    get:
      operationId: listPayments
      summary: List payments
      parameters:
        - $ref: '#/components/parameters/Limit'
        - name: status
          in: query
          description: Only payments in this status.
          schema:
            $ref: '#/components/schemas/PaymentStatus'
          example: captured
        - name: X-API-Key
          in: header
          schema: { type: string }
    post:
      operationId: createPayment
      summary: Create a payment
      parameters:
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/CreatePaymentRequest'
            example:
              amount:
                value: 4999
                currency: EUR
              captureMethod: manual # captured later
              description: Order GX-100234
  /payments/{paymentId}:
    parameters:
      - $ref: '#/components/parameters/PaymentId'
    get:
      operationId: getPayment
      summary: Get a payment
    patch:
      operationId: updatePayment
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/UpdatePaymentRequest'
components:
  securitySchemes:
    apiKey:
      type: apiKey
      in: header
      name: X-API-Key
  parameters:
    PaymentId:
      name: paymentId
      in: path
      required: true
      description: The payment's id.
      schema:
        type: string
      example: pay_3Nf8Kq1Zr
    Limit:
      name: limit
      in: query
      schema: { type: integer, minimum: 1, maximum: 100, default: 25 }
    IdempotencyKey:
      name: Idempotency-Key
      in: header
      required: true
      schema:
        type: string
      examples:
        first:
          value: 'order-GX-100234-1'
  schemas:
    PaymentStatus:
      type: string
      enum: [authorized, captured, cancelled]
    CreatePaymentRequest:
      type: object
    UpdatePaymentRequest:
      type: object
      properties:
        id:
          type: string
          readOnly: true
        merchantReference:
          type: string
          example: GX-100234-B
        metadata:
          type: object
          properties:
            channel: { type: string, enum: [web, mobile] }
        capturedAt:
          type: string
          format: date-time
`;
