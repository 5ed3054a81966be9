FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
ENV OPENAI_API_KEY=<YOUR_API_KEY>
CMD ["python", "-m", "worker"]
