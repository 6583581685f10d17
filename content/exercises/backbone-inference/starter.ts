import { loadPretrained, loadTrainingData, print, showImages } from 'course';

// model = ResNet50(weights='imagenet')
const model = await loadPretrained('course-vgg');
const data = await loadTrainingData();
const images = data.train.xs;

// TODO: decodePredictions를 course에서 가져와서, model.predict로 확률을 구하고, decodePredictions(확률, 5)로 이미지마다 상위 5개 부류를 print 하세요.
//       showImages(images, { labels: … })로 1위 부류를 제목으로 붙여 그려 보세요.
print(model.name, images.shape);
showImages(images, { columns: 8, range: [0, 1] });
