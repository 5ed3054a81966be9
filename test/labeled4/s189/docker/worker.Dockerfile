FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
ENV STRIPE_WEBHOOK_SECRET=whsec_«A32»
CMD ["python", "-m", "worker"]
